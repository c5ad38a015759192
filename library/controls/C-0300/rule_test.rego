package kubescape.controls.C_0300_test

import data.kubescape.controls.C_0300

hpa := {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h", "namespace": "ns"}}

id := "autoscaling/v2/ns/HorizontalPodAutoscaler/h"

rel(kind, api_version) := {id: {"target": {"kind": kind, "name": "x", "apiVersion": api_version, "found": false}}}

test_cluster_strict if {
	count(C_0300.deny) == 1 with input as hpa
		with data.kubescape.index as {"target": "cluster", "related": rel("Deployment", "apps/v1")}
}

test_replication_controller if {
	count(C_0300.deny) == 1 with input as hpa
		with data.kubescape.index as {"target": "cluster", "related": rel("ReplicationController", "v1")}
}

test_custom_resource_same_kind if {
	count(C_0300.deny) == 0 with input as hpa
		with data.kubescape.index as {"target": "cluster", "related": rel("Deployment", "example.com/v1")}
}

test_custom_kind if {
	count(C_0300.deny) == 0 with input as hpa
		with data.kubescape.index as {"target": "cluster", "related": rel("Rollout", "argoproj.io/v1alpha1")}
}

test_files_no_workloads if {
	count(C_0300.deny) == 0 with input as hpa
		with data.kubescape.index as {"target": "files", "related": rel("Deployment", "apps/v1")}
}

test_files_workload_in_namespace if {
	r := object.union(rel("Deployment", "apps/v1"), {"/v1/ns/Pod/p": {"serviceAccount": {"name": "default"}}})
	count(C_0300.deny) == 1 with input as hpa
		with data.kubescape.index as {"target": "files", "related": r, "namespaces": {"ns": {"kinds": {"Pod": 1}, "workloads": 1}}}
}
