package kubescape.lib.security_context_test

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

pod := {
	"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
	"spec": {
		"securityContext": {"runAsNonRoot": true, "runAsUser": 1000, "seccompProfile": {"type": "RuntimeDefault"}},
		"containers": [
			{"name": "inherits"},
			{"name": "overrides", "securityContext": {
				"runAsNonRoot": false, "runAsUser": null,
				"capabilities": {"add": ["cap_net_admin", " SYS_ADMIN", 7], "drop": ["ALL"]},
			}},
			{"name": "odd", "securityContext": "not an object"},
		],
	},
}

container(name) := c if {
	some c in workload.containers
	c.container.name == name
}

test_setting_inherits_from_pod if {
	s := sc.setting(container("inherits"), "runAsNonRoot") with input as pod
	s == {"value": true, "path": "spec.securityContext.runAsNonRoot"}
}

test_setting_container_overrides_pod if {
	s := sc.setting(container("overrides"), "runAsNonRoot") with input as pod
	s == {"value": false, "path": "spec.containers[1].securityContext.runAsNonRoot"}
}

test_setting_null_falls_back_to_pod if {
	sc.effective(container("overrides"), "runAsUser") == 1000 with input as pod
}

test_setting_undefined_when_unset if {
	not sc.setting(container("inherits"), "seLinuxOptions") with input as pod
}

test_effective_or_null if {
	sc.effective_or_null(container("overrides"), "runAsUser") == 1000 with input as pod
	sc.effective_or_null(container("inherits"), "seLinuxOptions") == null with input as pod
	not sc.effective(container("inherits"), "seLinuxOptions") with input as pod
}

test_odd_security_context_is_empty if {
	sc.container_sc(container("odd")) == {} with input as pod
	sc.effective(container("odd"), "runAsUser") == 1000 with input as pod
}

test_pod_sc_path_per_kind if {
	sc.pod_sc_path == "spec.jobTemplate.spec.template.spec.securityContext" with input as {"kind": "CronJob"}
}

test_cap_name if {
	sc.cap_name("cap_sys_admin") == "SYS_ADMIN"
	sc.cap_name(" NET_RAW ") == "NET_RAW"
	sc.cap_name("ALL") == "ALL"
	not sc.cap_name(7)
}

test_added_caps_normalised_with_paths if {
	caps := sc.added_caps(container("overrides")) with input as pod
	caps == {
		{"index": 0, "name": "NET_ADMIN", "path": "spec.containers[1].securityContext.capabilities.add[0]"},
		{"index": 1, "name": "SYS_ADMIN", "path": "spec.containers[1].securityContext.capabilities.add[1]"},
	}
	count(sc.added_caps(container("inherits"))) == 0 with input as pod
}

test_drops_caps if {
	sc.drops_caps(container("overrides")) with input as pod
	not sc.drops_caps(container("inherits")) with input as pod
}

test_is_windows if {
	sc.is_windows with input as {"kind": "Pod", "spec": {"os": {"name": "windows"}}}
	not sc.is_windows with input as pod
}
