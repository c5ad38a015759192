package kubescape.controls.C_0038

import data.kubescape.lib.workload

deny contains finding if {
	some field in ["hostPID", "hostIPC"]
	workload.pod_spec[field] == true
	path := sprintf("%s.%s", [workload.pod_spec_path, field])
	finding := {
		"msg": sprintf("the pod spec sets %s: true, sharing the node's %s namespace", [field, _ns[field]]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

_ns := {"hostPID": "process", "hostIPC": "IPC"}
