package kubescape.controls.C_0215

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	input.spec.hostIPC == true
	finding := {
		"msg": sprintf("PodSecurityPolicy %q allows pods sharing the host's IPC namespace (spec.hostIPC: true)", [k8s.name]),
		"failedPaths": ["spec.hostIPC"],
		"fixPaths": [{"path": "spec.hostIPC", "value": "false"}],
	}
}
