package kubescape.controls.C_0279

import data.kubescape.lib.rbac

# The HTTP methods a proxy request can use, as RBAC verbs.
verbs := ["get", "create", "update", "patch", "delete"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, ["nodes/proxy"], [""])

	# Nodes are cluster-scoped: a RoleBinding does not reach them.
	rbac.reaches_cluster_scope(g)
	finding := {
		"msg": sprintf("%s can reach the kubelet API with %s on nodes/proxy%s through %s", [rbac.subject_name, what(g.rule), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

what(rule) := "any verb" if "*" in rule.verbs

what(rule) := concat("/", rbac.allowed_verbs(rule, verbs)) if not "*" in rule.verbs
