package kubescape.controls.C_0233_test

import data.kubescape.controls.C_0233

node(name) := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}}

nodes := [{"name": "b"}, {"name": "a"}]

test_first_node_only if {
	count(C_0233.deny) == 1 with input as node("a") with data.kubescape.index.nodes as nodes
	count(C_0233.deny) == 0 with input as node("b") with data.kubescape.index.nodes as nodes
}

test_fargate if {
	count(C_0233.deny) == 0 with input as node("a")
		with data.kubescape.index.nodes as array.concat(nodes, [{"name": "fargate-ip-1"}])
}
