package kubescape.controls.C_0281

import data.kubescape.lib.rbac

verbs := ["create", "update", "patch", "delete", "deletecollection"]

resources := ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, resources, ["admissionregistration.k8s.io"])

	# Webhook configurations are cluster-scoped: a RoleBinding does not reach them.
	rbac.reaches_cluster_scope(g)
	allowed := rbac.effective_verbs(g.rule, verbs)
	count(allowed) > 0
	finding := {
		"msg": sprintf("%s can %s %s%s through %s", [
			rbac.subject_name, concat("/", allowed), concat(", ", rbac.allowed_resources(g.rule, resources)),
			rbac.only_names(g.rule), rbac.via(g),
		]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
