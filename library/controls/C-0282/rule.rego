package kubescape.controls.C_0282

import data.kubescape.lib.rbac

resources := ["serviceaccounts/token"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(["create"], resources, [""])
	finding := {
		"msg": sprintf("%s can create service account tokens%s %s through %s", [rbac.subject_name, rbac.only_names(g.rule), rbac.scope(g.binding), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
