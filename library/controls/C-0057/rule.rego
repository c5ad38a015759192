package kubescape.controls.C_0057

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	c.container.securityContext.privileged == true
	path := sprintf("%s.securityContext.privileged", [c.path])
	finding := {
		"msg": sprintf("%s runs privileged", [workload.name_of(c)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

deny contains finding if {
	some c in workload.containers
	some i, cap in c.container.securityContext.capabilities.add
	upper(cap) in {"ALL", "SYS_ADMIN", "CAP_SYS_ADMIN"}
	finding := {
		"msg": sprintf("%s adds the %s capability, which is close to privileged", [workload.name_of(c), cap]),
		"failedPaths": [sprintf("%s.securityContext.capabilities.add[%d]", [c.path, i])],
	}
}
