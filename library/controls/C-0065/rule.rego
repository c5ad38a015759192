package kubescape.controls.C_0065

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_rules
	targets := rbac.impersonated(g)
	count(targets) > 0
	finding := {
		"msg": sprintf("%s can impersonate %s%s through %s", [rbac.subject_name, concat(", ", targets), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
