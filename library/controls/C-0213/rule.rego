package kubescape.controls.C_0213

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	input.spec.privileged == true
	finding := {
		"msg": sprintf("PodSecurityPolicy %q allows privileged containers (spec.privileged: true)", [k8s.name]),
		"failedPaths": ["spec.privileged"],
		"fixPaths": [{"path": "spec.privileged", "value": "false"}],
	}
}
