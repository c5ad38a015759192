package kubescape.controls.C_0054

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "Namespace"
	object.get(k8s.related, "networkPolicies", 0) == 0
	finding := {
		"msg": sprintf("Namespace %q has no NetworkPolicy, so nothing restricts the traffic of its pods", [k8s.name]),
		"reviewPaths": ["metadata.name"],
	}
}
