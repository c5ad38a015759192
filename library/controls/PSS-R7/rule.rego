# PSS-R7 /proc Mount Type (restricted, from policy v1.35): securityContext.procMount of every
# container (init and ephemeral included) must be unset or Default, with no exemption for pods
# with hostUsers: false (unlike PSS-B9).
package kubescape.controls.PSS_R7

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	pss.at_least(35)
	some c in workload.containers
	s := pss.own_setting(c, "procMount")
	s.value != "Default"
	finding := {
		"msg": sprintf("%s sets securityContext.procMount to %v: the restricted policy requires Default, even with hostUsers: false", [workload.name_of(c), pss.shown(s.value)]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "Default"}],
	}
}
