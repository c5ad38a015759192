package kubescape.controls.C_0063

import data.kubescape.lib.rbac

verbs := ["create", "get"]

resources := ["pods/portforward"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, resources, [""])
	finding := {
		"msg": sprintf("%s can forward ports of pods (%s%s) through %s", [rbac.subject_name, rbac.access(g.rule, verbs, resources), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
