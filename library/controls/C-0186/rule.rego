package kubescape.controls.C_0186

import data.kubescape.lib.rbac

# Same judgement as C-0015 (List Kubernetes secrets): rule_test.rego checks they agree.
verbs := ["get", "list", "watch"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, ["secrets"], [""])

	# Access to named Secrets only is the recommended way to hand one Secret to an app.
	count(rbac.resource_names(g.rule)) == 0
	finding := {
		"msg": sprintf("%s can %s through %s", [rbac.subject_name, rbac.access(g.rule, verbs, ["secrets"]), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
