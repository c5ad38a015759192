package kubescape.controls.C_0046

import data.kubescape.lib.k8s
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# The configured names, normalised like the added ones ("cap_net_raw" -> "NET_RAW").
_insecure := {sc.cap_name(x) | some x in k8s.input_list("insecureCapabilities")}

deny contains finding if {
	some c in workload.containers
	some cap in sc.added_caps(c)
	_is_insecure(cap.name)
	finding := {
		"msg": sprintf("%s adds the insecure capability %s", [workload.name_of(c), cap.name]),
		"failedPaths": [cap.path],
		"deletePaths": [cap.path],
	}
}

_is_insecure(name) if name in _insecure

# ALL includes every listed capability.
_is_insecure("ALL") if count(_insecure) > 0
