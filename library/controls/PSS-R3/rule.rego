# PSS-R3 Running as Non-root (restricted, every version): the pod must set
# securityContext.runAsNonRoot: true, or every container (init and ephemeral included) must set
# it itself; a container that leaves it unset is covered only by a pod-level true, and an
# explicit false anywhere (pod or container) is refused even when the other level says true.
# From policy v1.35 pods with spec.hostUsers: false (their own user namespace) are exempt.
package kubescape.controls.PSS_R3

import data.kubescape.lib.pss
import data.kubescape.lib.workload

_exempt if {
	pss.at_least(35)
	pss.user_namespace
}

_pod_true if pss.pod_setting("runAsNonRoot").value == true

_pod_path := pss.pod_field_path("runAsNonRoot")

deny contains finding if {
	not _exempt
	s := pss.pod_setting("runAsNonRoot")
	s.value != true
	finding := {
		"msg": sprintf("the pod sets securityContext.runAsNonRoot to %v: it must be true", [pss.shown(s.value)]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "true"}],
	}
}

deny contains finding if {
	not _exempt
	some c in workload.containers
	s := pss.own_setting(c, "runAsNonRoot")
	s.value != true
	finding := {
		"msg": sprintf("%s sets securityContext.runAsNonRoot to %v: it must be true", [workload.name_of(c), pss.shown(s.value)]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "true"}],
	}
}

# Containers that leave the field unset and are not covered by a pod-level true: one finding
# for the pod, whose pod-level field fixes them all.
_uncovered contains workload.name_of(c) if {
	not _pod_true
	some c in workload.containers
	not pss.own_setting(c, "runAsNonRoot")
}

deny contains finding if {
	not _exempt
	count(_uncovered) > 0
	finding := {
		"msg": sprintf("the pod does not set securityContext.runAsNonRoot: true and %s %s not set it either: %s may run as root", [concat(", ", sort(_uncovered)), _verb, _pronoun]),
		"fixPaths": [{"path": _pod_path, "value": "true"}],
	}
}

_verb := "does" if count(_uncovered) == 1 else := "do"

_pronoun := "it" if count(_uncovered) == 1 else := "they"
