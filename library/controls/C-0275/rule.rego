package kubescape.controls.C_0275

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	workload.pod_spec.hostPID == true
	path := sprintf("%s.hostPID", [workload.pod_spec_path])
	finding := {
		"msg": sprintf("the pod spec of %s sets hostPID: true, sharing the node's process ID namespace", [k8s.describe]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
