package kubescape.controls.C_0055_test

import data.kubescape.controls.C_0055

pod(annotations, pod_sc, container_sc) := {
	"apiVersion": "v1", "kind": "Pod",
	"metadata": {"name": "p", "annotations": annotations},
	"spec": {"securityContext": pod_sc, "containers": [{"name": "app", "securityContext": container_sc}]},
}

test_nothing_fails if {
	count(C_0055.deny) == 1 with input as pod({}, {}, {})
}

test_seccomp_without_type_fails if {
	count(C_0055.deny) == 1 with input as pod({}, {"seccompProfile": {}}, {})
}

test_pod_seccomp_passes if {
	count(C_0055.deny) == 0 with input as pod({}, {"seccompProfile": {"type": "RuntimeDefault"}}, {})
}

test_pod_apparmor_passes if {
	count(C_0055.deny) == 0 with input as pod({}, {"appArmorProfile": {"type": "Localhost", "localhostProfile": "x"}}, {})
}

test_apparmor_field_wins_over_annotation if {
	a := {"container.apparmor.security.beta.kubernetes.io/app": "runtime/default"}
	findings := C_0055.deny with input as pod(a, {}, {"appArmorProfile": {"type": "Unconfined"}})
	some f in findings
	f.failedPaths == ["spec.containers[0].securityContext.appArmorProfile"]
}

test_annotation_for_other_container_does_not_count if {
	a := {"container.apparmor.security.beta.kubernetes.io/other": "runtime/default"}
	count(C_0055.deny) == 1 with input as pod(a, {}, {})
}

test_empty_selinux_options_fail if {
	count(C_0055.deny) == 1 with input as pod({}, {"seLinuxOptions": {}}, {})
	count(C_0055.deny) == 0 with input as pod({}, {"seLinuxOptions": {"type": "container_t"}}, {})
}
