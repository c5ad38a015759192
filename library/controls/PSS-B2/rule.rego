# PSS-B2 Host Namespaces (baseline, every version): spec.hostNetwork, spec.hostPID and
# spec.hostIPC must be unset or false.
package kubescape.controls.PSS_B2

import data.kubescape.lib.workload

_shares := {
	"hostNetwork": "network",
	"hostPID": "process (PID)",
	"hostIPC": "IPC",
}

deny contains finding if {
	some field, what in _shares
	workload.pod_spec[field] == true
	path := sprintf("%s.%s", [workload.pod_spec_path, field])
	finding := {
		"msg": sprintf("the pod sets %s: true: it shares the node's %s namespace", [field, what]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
