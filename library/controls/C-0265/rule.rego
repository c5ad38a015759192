package kubescape.controls.C_0265

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	input.kind == "Group"
	input.metadata.name == "system:authenticated"
	some g in rbac.reportable_rules
	reasons := rbac.elevation(g.rule)
	count(reasons) > 0
	finding := {
		"msg": sprintf("%s (every user and service account) is granted %s %s through %s", [
			rbac.subject_name, concat(", ", reasons), rbac.scope(g.binding), rbac.via(g),
		]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
