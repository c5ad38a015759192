package kubescape.controls.C_0013_test

import data.kubescape.controls.C_0013

pod(pod_sc, container_sc) := {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": {"securityContext": pod_sc, "containers": [{"name": "app", "securityContext": container_sc}]},
}

test_pod_non_root_inherited if {
	count(C_0013.deny) == 0 with input as pod({"runAsNonRoot": true}, {"runAsNonRoot": null})
}

test_non_zero_uid_passes if {
	count(C_0013.deny) == 0 with input as pod({}, {"runAsUser": 1000})
	count(C_0013.deny) == 0 with input as pod({"runAsUser": 1000}, {})
}

test_container_uid_zero_overrides_pod if {
	findings := C_0013.deny with input as pod({"runAsUser": 1000}, {"runAsUser": 0})
	some f in findings
	f.failedPaths == ["spec.containers[0].securityContext.runAsUser"]
	{"path": "spec.containers[0].securityContext.runAsUser", "value": "YOUR_VALUE"} in f.fixPaths
}

test_quoted_values_do_not_count if {
	count(C_0013.deny) == 1 with input as pod({}, {"runAsNonRoot": "true", "runAsUser": "1000"})
}

test_unset_has_only_the_fix if {
	findings := C_0013.deny with input as pod({}, {})
	some f in findings
	f.failedPaths == []
	f.fixPaths == [{"path": "spec.containers[0].securityContext.runAsNonRoot", "value": "true"}]
}
