package kubescape.controls.C_0031

import data.kubescape.lib.rbac

verbs := ["delete", "deletecollection"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, ["events"], ["", "events.k8s.io"])
	finding := {
		"msg": sprintf("%s can %s%s through %s", [rbac.subject_name, rbac.access(g.rule, verbs, ["events"]), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
