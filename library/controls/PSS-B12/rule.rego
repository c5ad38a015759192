# PSS-B12 Probe and lifecycle hosts (baseline, from policy v1.34): the host field of the
# httpGet and tcpSocket handlers of liveness, readiness and startup probes and of the
# postStart and preStop lifecycle hooks must be unset or empty, in every container (init and
# ephemeral included). A host makes the kubelet connect to an address of the user's choice.
package kubescape.controls.PSS_B12

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	pss.at_least(34)
	some c in workload.containers
	some field in ["livenessProbe", "readinessProbe", "startupProbe"]
	handlers := c.container[field]
	some h in ["httpGet", "tcpSocket"]
	host := handlers[h].host
	finding := _finding(c, field, h, host)
}

deny contains finding if {
	pss.at_least(34)
	some c in workload.containers
	some hook in ["postStart", "preStop"]
	handlers := c.container.lifecycle[hook]
	some h in ["httpGet", "tcpSocket"]
	host := handlers[h].host
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
