package kubescape.controls.C_0214

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	input.spec.hostPID == true
	finding := {
		"msg": sprintf("PodSecurityPolicy %q allows pods sharing the host's process ID namespace (spec.hostPID: true)", [k8s.name]),
		"failedPaths": ["spec.hostPID"],
		"fixPaths": [{"path": "spec.hostPID", "value": "false"}],
	}
}
