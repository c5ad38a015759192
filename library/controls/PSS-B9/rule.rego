# PSS-B9 /proc Mount Type (baseline): securityContext.procMount of every container (init and
# ephemeral included) must be unset or Default. From policy v1.35 any value is allowed in a pod
# with spec.hostUsers: false (its own user namespace).
package kubescape.controls.PSS_B9

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_exempt if {
	pss.minor >= 35
	pss.user_namespace
}

# The field is looked at first and the exemption last: most containers leave it unset.
deny contains finding if {
	some c in workload.containers
	v := sc.container_sc(c).procMount
	v != "Default"
	v != null
	not _exempt
	path := pss.field_path(c, "procMount")
	finding := {
		"msg": sprintf("%s sets securityContext.procMount to %v: the default /proc masks are removed%s", [workload.name_of(c), pss.shown(v), _note]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "Default"}],
	}
}

_note := " (allowed from policy v1.35 only in pods with hostUsers: false)" if {
	not pss.minor >= 35
	pss.user_namespace
} else := ""
