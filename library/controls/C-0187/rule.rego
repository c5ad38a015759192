package kubescape.controls.C_0187

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_rules
	fields := wildcard_fields(g.rule)
	count(fields) > 0
	finding := {
		"msg": sprintf("%s is granted a rule with \"*\" in %s through %s", [rbac.subject_name, concat(", ", fields), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

# wildcard_fields names the fields of rule that hold a wildcard, with the values when they are
# not just "*": ["verbs", "resources (\"*/scale\")"].
wildcard_fields(rule) := [describe(field, stars) |
	some field in ["verbs", "apiGroups", "resources"]
	values := object.get(rule, field, [])
	is_array(values)
	stars := [v | some v in values; is_string(v); startswith(v, "*"); wildcard(field, v)] # every wildcard starts with "*"
	count(stars) > 0
]

describe(field, stars) := field if stars == ["*"]

describe(field, stars) := sprintf("%s (%s)", [field, concat(", ", [sprintf("%q", [v]) | some v in stars])]) if stars != ["*"]

wildcard("verbs", "*")

wildcard("apiGroups", "*")

wildcard("resources", "*")

# "*/status" covers the status subresource of every resource.
wildcard("resources", v) if {
	is_string(v)
	startswith(v, "*/")
}
