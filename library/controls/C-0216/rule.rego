package kubescape.controls.C_0216

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	input.spec.hostNetwork == true
	finding := {
		"msg": sprintf("PodSecurityPolicy %q allows pods sharing the host's network namespace (spec.hostNetwork: true)", [k8s.name]),
		"failedPaths": ["spec.hostNetwork"],
		"fixPaths": [{"path": "spec.hostNetwork", "value": "false"}],
	}
}
