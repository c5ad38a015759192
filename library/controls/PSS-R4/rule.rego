# PSS-R4 Running as Non-root user (restricted, from policy v1.23): neither the pod nor any
# container (init and ephemeral included) may set securityContext.runAsUser to 0; unset is
# allowed (PSS-R3 requires runAsNonRoot). From policy v1.35 pods with spec.hostUsers: false
# are exempt.
package kubescape.controls.PSS_R4

import data.kubescape.lib.pss

_applies if {
	pss.at_least(23)
	not _exempt
}

_exempt if {
	pss.at_least(35)
	pss.user_namespace
}

deny contains finding if {
	_applies
	some s in pss.settings("runAsUser")
	s.value == 0
	finding := {
		"msg": sprintf("%s sets securityContext.runAsUser to 0 (root)", [s.who]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "YOUR_VALUE"}],
	}
}
