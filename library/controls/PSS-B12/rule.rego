# PSS-B12 Probe and lifecycle hosts (baseline, from policy v1.34): the host field of the
# httpGet and tcpSocket handlers of liveness, readiness and startup probes and of the
# postStart and preStop lifecycle hooks must be unset or empty, in every container (init and
# ephemeral included). A host makes the kubelet connect to an address of the user's choice.
package kubescape.controls.PSS_B12

import data.kubescape.lib.pss
import data.kubescape.lib.workload

# _handlers (computed once per scan) lists each handler: its field, its kind and the path of its
# host field inside a container.
_handlers contains {"field": probe, "handler": h, "keys": [probe, h, "host"]} if {
	some probe in ["livenessProbe", "readinessProbe", "startupProbe"]
	some h in ["httpGet", "tcpSocket"]
}

_handlers contains {"field": sprintf("lifecycle.%s", [hook]), "handler": h, "keys": ["lifecycle", hook, h, "host"]} if {
	some hook in ["postStart", "preStop"]
	some h in ["httpGet", "tcpSocket"]
}

deny contains finding if {
	pss.at_least(34)
	some c in workload.containers
	some x in _handlers
	host := object.get(c.container, x.keys, null)
	host != null
	host != ""
	path := sprintf("%s.%s.%s.host", [c.path, x.field, x.handler])
	finding := {
		"msg": sprintf("%s sets %s.%s.host to %v: the kubelet would connect to a host of the pod's choosing", [workload.name_of(c), x.field, x.handler, pss.shown(host)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}
