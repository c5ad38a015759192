package kubescape.controls.C_0007

import data.kubescape.lib.rbac

verbs := ["delete", "deletecollection"]

# Each resource is checked in the API group that serves it.
targets := [
	{"groups": [""], "resources": ["secrets", "pods", "services"]},
	{"groups": ["apps"], "resources": ["deployments", "replicasets", "daemonsets", "statefulsets"]},
	{"groups": ["batch"], "resources": ["jobs", "cronjobs"]},
]

# paths[i] holds the rules (by path) that allow a delete verb on targets[i].
paths := [{g.path | some g in rbac.reportable_grants(verbs, t.resources, t.groups)} | some t in targets]

deny contains finding if {
	rbac.is_subject
	some i, _ in targets
	some g in rbac.reportable_grants(verbs, targets[i].resources, targets[i].groups)

	# One finding per rule: report it with the first target group it matches.
	not matched_before(g.path, i)
	finding := {
		"msg": sprintf("%s can %s %s%s through %s", [
			rbac.subject_name, concat("/", rbac.allowed_verbs(g.rule, verbs)),
			concat(", ", resources(g)), rbac.only_names(g.rule), rbac.via(g),
		]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

matched_before(path, i) if {
	some j, earlier in paths
	j < i
	path in earlier
}

# resources lists the target resources a rule allows deleting, over every target group.
resources(g) := [r |
	some i, t in targets
	g.path in paths[i]
	some r in rbac.allowed_resources(g.rule, t.resources)
]
