package kubescape.controls.C_0307_test

import data.kubescape.controls.C_0307

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"}, "spec": {"serviceAccountName": "app", "containers": [{"name": "c"}]}}

id := "/v1/ns/Pod/p"

rel(name) := {id: {"serviceAccount": {"name": name, "found": false}}}

test_cluster_strict if {
	count(C_0307.deny) == 1 with input as pod
		with data.kubescape.index as {"target": "cluster", "related": rel("app")}
}

test_cluster_default if {
	count(C_0307.deny) == 0 with input as pod
		with data.kubescape.index as {"target": "cluster", "related": rel("default")}
}

test_files_no_accounts if {
	count(C_0307.deny) == 0 with input as pod
		with data.kubescape.index as {"target": "files", "related": rel("app")}
}

# The RBAC subjects the index synthesizes (group kubescape.io) are not ServiceAccount objects.
test_files_synthesized_subject if {
	r := object.union(rel("app"), {"kubescape.io/v1/ns/ServiceAccount/app": {"workloads": []}})
	count(C_0307.deny) == 0 with input as pod
		with data.kubescape.index as {"target": "files", "related": r}
}

test_files_account_in_namespace if {
	r := object.union(rel("app"), {"/v1/ns/ServiceAccount/other": {"workloads": []}})
	count(C_0307.deny) == 1 with input as pod
		with data.kubescape.index as {"target": "files", "related": r, "namespaces": {"ns": {"kinds": {"ServiceAccount": 1}, "workloads": 0}}}
}
