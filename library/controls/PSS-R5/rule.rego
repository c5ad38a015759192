# PSS-R5 Seccomp (restricted, from policy v1.19): seccompProfile.type must be RuntimeDefault or
# Localhost, set at pod level or on every container (init and ephemeral included). A container
# that leaves it unset is covered only by a valid pod-level profile; an invalid value anywhere
# is refused. Pods with spec.os.name: windows are exempt from policy v1.25.
#
# Each body looks for a problem first and at the policy version and exemption last: most
# workloads pass, and proving it then costs a field lookup per container.
package kubescape.controls.PSS_R5

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_applies if {
	pss.minor >= 19
	not _windows_exempt
}

_windows_exempt if {
	pss.minor >= 25
	pss.is_windows
}

_pod_ok if sc.pod_sc.seccompProfile.type in pss.seccomp_types

# The settings with an invalid type are found once for PSS-B10 and PSS-R5 (pss.invalid_seccomp).
deny contains finding if {
	some s in pss.invalid_seccomp
	_applies
	finding := {
		"msg": sprintf("%s sets seccompProfile.type to %v: it must be RuntimeDefault or Localhost", [s.who, pss.type_shown(s.type)]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "RuntimeDefault"}],
	}
}

# Containers without a profile of their own (unset or null) that no valid pod-level profile
# covers: one finding for the pod, whose pod-level profile fixes them all.
deny contains finding if {
	not _pod_ok
	uncovered := {workload.name_of(c) |
		some c in workload.containers
		object.get(sc.container_sc(c), "seccompProfile", null) == null
	}
	count(uncovered) > 0
	_applies
	finding := {
		"msg": sprintf("the pod sets no valid seccompProfile.type (RuntimeDefault or Localhost) and %s %s not set one either", [concat(", ", sort(uncovered)), _verb(count(uncovered))]),
		"fixPaths": [{"path": pss.pod_field_path("seccompProfile.type"), "value": "RuntimeDefault"}],
	}
}

# The verb for n containers.
_verb(n) := "does" if n == 1 else := "do"
