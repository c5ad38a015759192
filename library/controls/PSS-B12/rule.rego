# PSS-B12 Probe and lifecycle hosts (baseline, from policy v1.34): the host field of the
# httpGet and tcpSocket handlers of liveness, readiness and startup probes and of the
# postStart and preStop lifecycle hooks must be unset or empty, in every container (init and
# ephemeral included). A host makes the kubelet connect to an address of the user's choice.
#
# The hosts are looked for first and the policy version last: most handlers set no host.
package kubescape.controls.PSS_B12

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	some field in ["livenessProbe", "readinessProbe", "startupProbe"]
	handlers := c.container[field]
	some h in ["httpGet", "tcpSocket"]
	host := handlers[h].host
	pss.minor >= 34
	finding := _finding(c, field, h, host)
}

deny contains finding if {
	some c in workload.containers
	lifecycle := c.container.lifecycle
	some hook in ["postStart", "preStop"]
	handlers := lifecycle[hook]
	some h in ["httpGet", "tcpSocket"]
	host := handlers[h].host
	pss.minor >= 34
	finding := _finding(c, sprintf("lifecycle.%s", [hook]), h, host)
}

_finding(c, field, h, host) := finding if {
	host != null
	host != ""
	path := sprintf("%s.%s.%s.host", [c.path, field, h])
	finding := {
		"msg": sprintf("%s sets %s.%s.host to %v: the kubelet would connect to a host of the pod's choosing", [workload.name_of(c), field, h, pss.shown(host)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}
