package kubescape.controls.C_0302_test

import data.kubescape.controls.C_0302

route := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r"}}

id := "gateway.networking.k8s.io/v1//HTTPRoute/r"

missing(ns) := {"service": "web", "namespace": ns, "port": 80, "found": false, "path": "spec.rules[0].backendRefs[0]"}

test_cluster_strict if {
	count(C_0302.deny) == 1 with input as route
		with data.kubescape.index as {"target": "cluster", "related": {id: {"backends": [missing("")]}}}
}

# A route without namespace and a Service without namespace both land in "default".
test_files_default_namespace if {
	rel := {id: {"backends": [missing("")]}, "/v1//Service/other": {"workloads": []}}
	count(C_0302.deny) == 1 with input as route
		with data.kubescape.index as {"target": "files", "related": rel, "namespaces": {"default": {"kinds": {"Service": 1}, "workloads": 0}}}
}

# On files, the backend's own namespace must hold Services, not the route's.
test_files_other_namespace if {
	rel := {id: {"backends": [missing("backend")]}, "/v1//Service/other": {"workloads": []}}
	count(C_0302.deny) == 0 with input as route
		with data.kubescape.index as {"target": "files", "related": rel}
}
