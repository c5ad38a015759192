package kubescape.controls.C_0299_test

import data.kubescape.controls.C_0299

pol := {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "p", "namespace": "empty"}, "spec": {"podSelector": {}}}

id := "networking.k8s.io/v1/empty/NetworkPolicy/p"

# On a cluster, a default-deny policy in a namespace without workloads is dangling.
test_cluster_empty_namespace if {
	count(C_0299.deny) == 1 with input as pol
		with data.kubescape.index as {"target": "cluster", "related": {id: {"selectedWorkloads": 0}}}
}

test_cluster_selected if {
	count(C_0299.deny) == 0 with input as pol
		with data.kubescape.index as {"target": "cluster", "related": {id: {"selectedWorkloads": 2}}}
}

test_files_no_workloads if {
	count(C_0299.deny) == 0 with input as pol
		with data.kubescape.index as {"target": "files", "related": {id: {"selectedWorkloads": 0}}}
}

test_no_relation if {
	count(C_0299.deny) == 0 with input as pol
		with data.kubescape.index as {"target": "cluster", "related": {}}
}
