# PSS-R5 Seccomp (restricted, from policy v1.19): seccompProfile.type must be RuntimeDefault or
# Localhost, set at pod level or on every container (init and ephemeral included). A container
# that leaves it unset is covered only by a valid pod-level profile; an invalid value anywhere
# is refused. Pods with spec.os.name: windows are exempt from policy v1.25.
package kubescape.controls.PSS_R5

import data.kubescape.lib.pss
import data.kubescape.lib.workload

allowed_types := {"RuntimeDefault", "Localhost"}

_applies if {
	pss.at_least(19)
	not _windows_exempt
}

_windows_exempt if {
	pss.at_least(25)
	pss.is_windows
}

_pod_ok if pss.profile_type(pss.pod_setting("seccompProfile").value) in allowed_types

_pod_path := pss.pod_field_path("seccompProfile.type")

deny contains finding if {
	_applies
	some s in pss.settings("seccompProfile")
	t := pss.profile_type(s.value)
	not t in allowed_types
	path := sprintf("%s.type", [s.path])
	finding := {
		"msg": sprintf("%s sets seccompProfile.type to %v: it must be RuntimeDefault or Localhost", [s.who, pss.type_shown(t)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "RuntimeDefault"}],
	}
}

# Containers without a profile of their own that no valid pod-level profile covers: one finding
# for the pod, whose pod-level profile fixes them all.
_uncovered contains workload.name_of(c) if {
	not _pod_ok
	some c in workload.containers
	not pss.own_setting(c, "seccompProfile")
}

deny contains finding if {
	_applies
	count(_uncovered) > 0
	finding := {
		"msg": sprintf("the pod sets no valid seccompProfile.type (RuntimeDefault or Localhost) and %s %s not set one either", [concat(", ", sort(_uncovered)), _verb]),
		"fixPaths": [{"path": _pod_path, "value": "RuntimeDefault"}],
	}
}

_verb := "does" if count(_uncovered) == 1 else := "do"
