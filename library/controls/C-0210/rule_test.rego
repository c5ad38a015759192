package kubescape.controls.C_0210_test

import data.kubescape.controls.C_0210

pod(pod_sc, container_sc) := {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": {"securityContext": pod_sc, "containers": [{"name": "app", "securityContext": container_sc}]},
}

test_odd_values_fail_without_error if {
	findings := C_0210.deny with input as pod({}, {"seccompProfile": "RuntimeDefault"})
	some f in findings
	f.failedPaths == ["spec.containers[0].securityContext.seccompProfile"]
	findings2 := C_0210.deny with input as pod({"seccompProfile": {"type": 7}}, {})
	some f2 in findings2
	f2.failedPaths == ["spec.securityContext.seccompProfile.type"]
}

test_profile_without_type_fails if {
	count(C_0210.deny) == 1 with input as pod({"seccompProfile": {}}, {})
	count(C_0210.deny) == 1 with input as pod({}, {"seccompProfile": {"localhostProfile": "x.json"}})
}

test_null_container_profile_inherits_pod if {
	count(C_0210.deny) == 0 with input as pod({"seccompProfile": {"type": "RuntimeDefault"}}, {"seccompProfile": null})
}
