# PSS-R7 /proc Mount Type (restricted, from policy v1.35): securityContext.procMount of every
# container (init and ephemeral included) must be unset or Default, with no exemption for pods
# with hostUsers: false (unlike PSS-B9).
package kubescape.controls.PSS_R7

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# The field is looked at first and the policy version last: most containers leave it unset.
deny contains finding if {
	some c in workload.containers
	v := sc.container_sc(c).procMount
	v != "Default"
	v != null
	pss.minor >= 35
	path := pss.field_path(c, "procMount")
	finding := {
		"msg": sprintf("%s sets securityContext.procMount to %v: the restricted policy requires Default, even with hostUsers: false", [workload.name_of(c), pss.shown(v)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "Default"}],
	}
}
