package kubescape.controls.C_0211_test

import data.kubescape.controls.C_0211

hardened_sc := {
	"allowPrivilegeEscalation": false,
	"readOnlyRootFilesystem": true,
	"capabilities": {"drop": ["ALL"]},
}

pod(spec_extra, pod_sc_extra, container_sc_extra) := {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": object.union(spec_extra, {
		"securityContext": object.union({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}, pod_sc_extra),
		"containers": [{"name": "app", "securityContext": object.union(hardened_sc, container_sc_extra)}],
	}),
}

problems(p) := {split(f.msg, ":")[0] | some f in findings} if {
	findings := C_0211.deny with input as p
}

test_hardened_passes if {
	count(C_0211.deny) == 0 with input as pod({}, {}, {})
}

test_net_raw_drop_by_any_spelling if {
	count(C_0211.deny) == 0 with input as pod({}, {}, {"capabilities": {"drop": ["cap_net_raw"]}})
	problems(pod({}, {}, {"capabilities": {"drop": ["NET_ADMIN"]}})) == {"capabilities"}
}

test_adding_net_raw_back_fails if {
	problems(pod({}, {}, {"capabilities": {"drop": ["ALL"], "add": ["NET_RAW", "NET_BIND_SERVICE"]}})) == {"capabilities"}
}

test_procmount_with_user_namespace if {
	problems(pod({}, {}, {"procMount": "Unmasked"})) == {"procMount"}
	count(C_0211.deny) == 0 with input as pod({"hostUsers": false}, {}, {"procMount": "Unmasked"})
}

test_selinux_user_and_role if {
	problems(pod({}, {"seLinuxOptions": {"user": "system_u", "role": "", "type": "container_t"}}, {})) == {"seLinuxOptions"}
	count(C_0211.deny) == 0 with input as pod({}, {"seLinuxOptions": {"type": "", "level": "s0"}}, {})
}

test_odd_values_do_not_error if {
	problems(pod({}, {"sysctls": ["kernel.msgmax", {"name": 7}]}, {"seLinuxOptions": "x", "capabilities": {"drop": "ALL"}})) == {"sysctls", "capabilities"}
}

test_string_booleans_fail if {
	problems(pod({}, {}, {"readOnlyRootFilesystem": "true", "allowPrivilegeEscalation": "false"})) == {"readOnlyRootFilesystem", "allowPrivilegeEscalation"}
}
