# PSS-B9 /proc Mount Type (baseline): securityContext.procMount of every container (init and
# ephemeral included) must be unset or Default. From policy v1.35 any value is allowed in a pod
# with spec.hostUsers: false (its own user namespace).
package kubescape.controls.PSS_B9

import data.kubescape.lib.pss
import data.kubescape.lib.workload

_exempt if {
	pss.at_least(35)
	pss.user_namespace
}

deny contains finding if {
	not _exempt
	some c in workload.containers
	s := pss.own_setting(c, "procMount")
	s.value != "Default"
	finding := {
		"msg": sprintf("%s sets securityContext.procMount to %v: the default /proc masks are removed%s", [workload.name_of(c), pss.shown(s.value), _note]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "Default"}],
	}
}

_note := " (allowed from policy v1.35 only in pods with hostUsers: false)" if {
	not pss.at_least(35)
	pss.user_namespace
} else := ""
