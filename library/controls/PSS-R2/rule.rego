# PSS-R2 Privilege Escalation (restricted, from policy v1.8): every container (init and
# ephemeral included) must set securityContext.allowPrivilegeEscalation to false explicitly.
# Pods with spec.os.name: windows are exempt from policy v1.25.
package kubescape.controls.PSS_R2

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_applies if {
	pss.minor >= 8
	not _windows_exempt
}

_windows_exempt if {
	pss.minor >= 25
	pss.is_windows
}

# The field is looked at first and the policy version and exemption last: most workloads pass,
# and proving it then costs a lookup per container.
deny contains finding if {
	some c in workload.containers
	v := object.get(sc.container_sc(c), "allowPrivilegeEscalation", null)
	v != false
	_applies
	finding := _finding(c, pss.field_path(c, "allowPrivilegeEscalation"), v)
}

_finding(c, path, null) := {
	"msg": sprintf("%s does not set securityContext.allowPrivilegeEscalation: false", [workload.name_of(c)]),
	"fixPaths": [{"path": path, "value": "false"}],
}

_finding(c, path, v) := {
	"msg": sprintf("%s sets securityContext.allowPrivilegeEscalation to %v: it must be false", [workload.name_of(c), pss.shown(v)]),
	"failedPaths": [path],
	"fixPaths": [{"path": path, "value": "false"}],
} if v != null
