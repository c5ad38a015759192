package kubescape.controls.C_0219

import data.kubescape.lib.k8s

what := {
	"allowedCapabilities": "lets containers add",
	"defaultAddCapabilities": "adds to every container",
}

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	some field, verb in what
	caps := object.get(input, ["spec", field], [])
	is_array(caps)
	count(caps) > 0
	finding := {
		"msg": sprintf("PodSecurityPolicy %q %s the capabilities %s (spec.%s)", [k8s.name, verb, describe(caps), field]),
		"failedPaths": [sprintf("spec.%s[%d]", [field, i]) | some i, _ in caps],
		"deletePaths": [sprintf("spec.%s", [field])],
	}
}

describe(caps) := concat(", ", [name(c) | some c in caps])

name(c) := "* (any)" if c == "*"

name(c) := sprintf("%v", [c]) if c != "*"
