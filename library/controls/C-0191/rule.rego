package kubescape.controls.C_0191

import data.kubescape.lib.rbac

rbac_verbs := ["bind", "escalate"]

rbac_roles := ["roles", "clusterroles"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_rules
	what := array.concat(role_powers(g.rule), impersonation(g))
	count(what) > 0
	finding := {
		"msg": sprintf("%s can %s%s through %s", [rbac.subject_name, concat(" and ", what), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

# role_powers describes bind/escalate on roles and clusterroles ([] when the rule has neither).
role_powers(rule) := [rbac.access(rule, rbac_verbs, rbac_roles)] if {
	rbac.rule_allows(rule, rbac_verbs, rbac_roles, ["rbac.authorization.k8s.io"])
} else := []

impersonation(g) := [sprintf("impersonate %s", [concat(", ", targets)])] if {
	targets := rbac.impersonated(g)
	count(targets) > 0
} else := []
