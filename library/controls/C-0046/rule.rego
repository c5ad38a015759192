package kubescape.controls.C_0046

import data.kubescape.lib.k8s
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# The configured names, normalised like the added ones ("cap_net_raw" -> "NET_RAW").
_configured := {sc.cap_name(x) | some x in k8s.input_list("insecureCapabilities")}

# The names to flag: the configured ones and ALL, which includes every listed capability. Like
# _configured, computed once per scan.
_insecure := _configured | {"ALL"} if count(_configured) > 0 else := set()

deny contains finding if {
	some c in workload.containers
	some cap in sc.added_caps(c)
	cap.name in _insecure
	finding := {
		"msg": sprintf("%s adds the insecure capability %s", [workload.name_of(c), cap.name]),
		"failedPaths": [cap.path],
		"deletePaths": [cap.path],
	}
}
