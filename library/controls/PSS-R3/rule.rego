# PSS-R3 Running as Non-root (restricted, every version): the pod must set
# securityContext.runAsNonRoot: true, or every container (init and ephemeral included) must set
# it itself; a container that leaves it unset (or null) is covered only by a pod-level true, and
# an explicit value other than true anywhere (pod or container) is refused even when the other
# level says true. From policy v1.35 pods with spec.hostUsers: false (their own user namespace)
# are exempt.
#
# Each body tests the field first and the exemption last: most workloads pass, and proving it
# then costs a field lookup per container.
package kubescape.controls.PSS_R3

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_exempt if {
	pss.minor >= 35
	pss.user_namespace
}

# The pod-level field set to anything but true (null counts as unset).
deny contains finding if {
	v := sc.pod_sc.runAsNonRoot
	v != true
	v != null
	not _exempt
	path := pss.pod_field_path("runAsNonRoot")
	finding := {
		"msg": sprintf("the pod sets securityContext.runAsNonRoot to %v: it must be true", [pss.shown(v)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "true"}],
	}
}

# A container's own field set to anything but true.
deny contains finding if {
	some c in workload.containers
	v := sc.container_sc(c).runAsNonRoot
	v != true
	v != null
	not _exempt
	path := pss.field_path(c, "runAsNonRoot")
	finding := {
		"msg": sprintf("%s sets securityContext.runAsNonRoot to %v: it must be true", [workload.name_of(c), pss.shown(v)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "true"}],
	}
}

# Containers that leave the field unset and are not covered by a pod-level true: one finding
# for the pod, whose pod-level field fixes them all.
deny contains finding if {
	not sc.pod_sc.runAsNonRoot == true
	uncovered := {workload.name_of(c) |
		some c in workload.containers
		object.get(sc.container_sc(c), "runAsNonRoot", null) == null
	}
	count(uncovered) > 0
	not _exempt
	finding := {
		"msg": sprintf("the pod does not set securityContext.runAsNonRoot: true and %s %s not set it either: %s may run as root", [concat(", ", sort(uncovered)), _verb(count(uncovered)), _pronoun(count(uncovered))]),
		"fixPaths": [{"path": pss.pod_field_path("runAsNonRoot"), "value": "true"}],
	}
}

# The verb and pronoun for n containers.
_verb(n) := "does" if n == 1 else := "do"

_pronoun(n) := "it" if n == 1 else := "they"
