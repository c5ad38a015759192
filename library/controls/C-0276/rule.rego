package kubescape.controls.C_0276

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	workload.pod_spec.hostIPC == true
	path := sprintf("%s.hostIPC", [workload.pod_spec_path])
	finding := {
		"msg": sprintf("the pod spec of %s sets hostIPC: true, sharing the node's IPC namespace", [k8s.describe]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
