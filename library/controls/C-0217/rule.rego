package kubescape.controls.C_0217

import data.kubescape.lib.k8s

disallowed if input.spec.allowPrivilegeEscalation == false

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	not disallowed
	finding := object.union({"msg": sprintf("PodSecurityPolicy %q allows privilege escalation (%s)", [k8s.name, why])}, paths)
}

path := "spec.allowPrivilegeEscalation"

set if {
	spec := object.get(input, "spec", {})
	is_object(spec)
	"allowPrivilegeEscalation" in object.keys(spec)
}

why := "spec.allowPrivilegeEscalation is not false" if set

why := "spec.allowPrivilegeEscalation is unset, which means true" if not set

paths := {"failedPaths": [path], "fixPaths": [{"path": path, "value": "false"}]} if set

paths := {"fixPaths": [{"path": path, "value": "false"}]} if not set
