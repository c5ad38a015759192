package kubescape.controls.C_0041

import data.kubescape.lib.workload

deny contains finding if {
	workload.pod_spec.hostNetwork == true
	path := sprintf("%s.hostNetwork", [workload.pod_spec_path])
	finding := {
		"msg": "the pod spec sets hostNetwork: true, sharing the node's network namespace",
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
