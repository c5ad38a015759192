package kubescape.controls.C_0233

import data.kubescape.lib.k8s

deny contains finding if {
	k8s.name == first_node
	not has_fargate
	finding := {
		"msg": sprintf("No Fargate node in the cluster (%d nodes): consider running untrusted workloads on Fargate", [count(node_names)]),
		"reviewPaths": ["metadata.name"],
	}
}

nodes := n if {
	n := object.get(data.kubescape.index, "nodes", [])
	is_array(n)
} else := []

node_names := {n.name | some n in nodes; is_string(n.name)}

has_fargate if {
	some n in node_names
	startswith(n, "fargate-")
}

# first_node carries the single cluster-wide finding.
first_node := min(node_names) if count(node_names) > 0
