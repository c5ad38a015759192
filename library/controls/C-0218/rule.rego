package kubescape.controls.C_0218

import data.kubescape.lib.k8s

rule := object.get(input, ["spec", "runAsUser", "rule"], "")

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	not rule in {"MustRunAsNonRoot", "MustRunAs"}
	finding := object.union(
		{
			"msg": sprintf("PodSecurityPolicy %q lets containers run as root (%s)", [k8s.name, describe_rule]),
			"fixPaths": [{"path": "spec.runAsUser.rule", "value": "MustRunAsNonRoot"}],
		},
		rule_failed,
	)
}

describe_rule := sprintf("spec.runAsUser.rule is %s", [json.marshal(rule)]) if rule != ""

describe_rule := "spec.runAsUser.rule is not set" if rule == ""

rule_failed := {"failedPaths": ["spec.runAsUser.rule"]} if rule != ""

rule_failed := {} if rule == ""

# MustRunAs: every range must start above UID 0.
deny contains finding if {
	input.kind == "PodSecurityPolicy"
	rule == "MustRunAs"
	some i, r in ranges
	not above_root(r)
	path := sprintf("spec.runAsUser.ranges[%d]", [i])
	finding := {
		"msg": sprintf("PodSecurityPolicy %q lets containers run as root: spec.runAsUser.ranges[%d] includes UID 0", [k8s.name, i]),
		"failedPaths": [sprintf("%s.min", [path])],
		"fixPaths": [{"path": sprintf("%s.min", [path]), "value": "1"}],
	}
}

# MustRunAs without ranges (the API server refuses it): say so rather than pass.
deny contains finding if {
	input.kind == "PodSecurityPolicy"
	rule == "MustRunAs"
	count(ranges) == 0
	finding := {
		"msg": sprintf("PodSecurityPolicy %q uses spec.runAsUser.rule MustRunAs without ranges, so the users it allows are not defined", [k8s.name]),
		"failedPaths": ["spec.runAsUser.rule"],
		"fixPaths": [{"path": "spec.runAsUser.rule", "value": "MustRunAsNonRoot"}],
	}
}

ranges := rs if {
	rs := object.get(input, ["spec", "runAsUser", "ranges"], [])
	is_array(rs)
}

ranges := [] if not is_array(object.get(input, ["spec", "runAsUser", "ranges"], []))

above_root(r) if {
	is_object(r)
	is_number(r.min)
	r.min >= 1
}
