package kubescape.controls.C_0278

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(["create"], ["persistentvolumes"], [""])

	# PersistentVolumes are cluster-scoped: a RoleBinding does not reach them.
	rbac.reaches_cluster_scope(g)

	# create cannot be limited by name: a rule with resourceNames does not allow it.
	"create" in rbac.effective_verbs(g.rule, ["create"])
	finding := {
		"msg": sprintf("%s can create persistentvolumes through %s", [rbac.subject_name, rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
