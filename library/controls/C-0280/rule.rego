package kubescape.controls.C_0280

import data.kubescape.lib.rbac

verbs := ["update", "patch"]

resources := ["certificatesigningrequests/approval"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, resources, ["certificates.k8s.io"])

	# Certificate signing requests are cluster-scoped: a RoleBinding does not reach them.
	rbac.reaches_cluster_scope(g)
	finding := {
		"msg": sprintf("%s can approve certificate signing requests (%s%s) through %s", [rbac.subject_name, rbac.access(g.rule, verbs, resources), rbac.only_names(g.rule), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
