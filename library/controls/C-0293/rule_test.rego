package kubescape.controls.C_0293_test

import data.kubescape.controls.C_0293

svc := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "ns"}, "spec": {"selector": {"app": "x"}}}

id := "/v1/ns/Service/s"

test_cluster_strict if {
	count(C_0293.deny) == 1 with input as svc
		with data.kubescape.index as {"target": "cluster", "related": {id: {"workloads": []}}}
}

test_files_no_workloads if {
	count(C_0293.deny) == 0 with input as svc
		with data.kubescape.index as {"target": "files", "related": {id: {"workloads": []}}}
}

test_files_workload_in_namespace if {
	rel := {id: {"workloads": []}, "apps/v1/ns/Deployment/d": {"serviceAccount": {"name": "default", "found": false}}}
	count(C_0293.deny) == 1 with input as svc
		with data.kubescape.index as {"target": "files", "related": rel, "namespaces": {"ns": {"kinds": {"apps/Deployment": 1}, "workloads": 1}}}
}

test_selector_wrong_type if {
	s := json.patch(svc, [{"op": "replace", "path": "/spec/selector", "value": "app=x"}])
	count(C_0293.deny) == 0 with input as s
		with data.kubescape.index as {"target": "cluster", "related": {id: {"workloads": []}}}
}

test_selector_empty if {
	s := json.patch(svc, [{"op": "replace", "path": "/spec/selector", "value": {}}])
	count(C_0293.deny) == 0 with input as s
		with data.kubescape.index as {"target": "cluster", "related": {id: {"workloads": []}}}
}

# No relation at all (the index did not see the Service): nothing to judge.
test_no_relation if {
	count(C_0293.deny) == 0 with input as svc
		with data.kubescape.index as {"target": "cluster", "related": {}}
}
