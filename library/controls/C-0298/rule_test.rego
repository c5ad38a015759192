package kubescape.controls.C_0298_test

import data.kubescape.controls.C_0298

ing := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i", "namespace": "ns"}}

id := "networking.k8s.io/v1/ns/Ingress/i"

missing := {"service": "web", "port": 80, "found": false, "path": "spec.defaultBackend"}

related := {id: {"backends": [missing]}}

# On a cluster the input is complete: a missing Service is dangling even with no other Service.
test_cluster_strict if {
	count(C_0298.deny) == 1 with input as ing
		with data.kubescape.index as {"target": "cluster", "related": related}
}

test_files_without_services_pass if {
	count(C_0298.deny) == 0 with input as ing
		with data.kubescape.index as {"target": "files", "related": related}
}

test_files_with_service_in_namespace if {
	rel := object.union(related, {"/v1/ns/Service/other": {"workloads": []}})
	count(C_0298.deny) == 1 with input as ing
		with data.kubescape.index as {"target": "files", "related": rel, "namespaces": {"ns": {"kinds": {"Service": 1}, "workloads": 0}}}
}

# A synthesized RBAC subject or another kind named Service does not count.
test_files_other_group_service if {
	rel := object.union(related, {"kubescape.io/v1/ns/Service/other": {"workloads": []}})
	count(C_0298.deny) == 0 with input as ing
		with data.kubescape.index as {"target": "files", "related": rel}
}
