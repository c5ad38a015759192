# PSS-R4 Running as Non-root user (restricted, from policy v1.23): neither the pod nor any
# container (init and ephemeral included) may set securityContext.runAsUser to 0; unset is
# allowed (PSS-R3 requires runAsNonRoot). From policy v1.35 pods with spec.hostUsers: false
# are exempt.
#
# Each body tests the field first and the policy version and exemption last: most workloads
# pass, and proving it then costs a field lookup per container.
package kubescape.controls.PSS_R4

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_applies if {
	pss.minor >= 23
	not _exempt
}

_exempt if {
	pss.minor >= 35
	pss.user_namespace
}

deny contains finding if {
	sc.pod_sc.runAsUser == 0
	_applies
	finding := _finding("the pod", pss.pod_field_path("runAsUser"))
}

deny contains finding if {
	some c in workload.containers
	sc.container_sc(c).runAsUser == 0
	_applies
	finding := _finding(workload.name_of(c), pss.field_path(c, "runAsUser"))
}

_finding(who, path) := {
	"msg": sprintf("%s sets securityContext.runAsUser to 0 (root)", [who]),
	"failedPaths": [path],
	"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
}
