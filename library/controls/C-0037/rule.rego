package kubescape.controls.C_0037

import data.kubescape.lib.rbac

verbs := ["update", "patch"]

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(verbs, ["configmaps"], [""])
	rbac.names_allow(g.rule, "coredns")
	reaches_kube_system(g.binding)
	finding := {
		"msg": sprintf("%s can %s the kube-system/coredns ConfigMap through %s", [
			rbac.subject_name, concat("/", rbac.allowed_verbs(g.rule, verbs)), rbac.via(g),
		]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

reaches_kube_system(b) if b.kind == "ClusterRoleBinding"

reaches_kube_system(b) if {
	b.kind == "RoleBinding"
	b.namespace == "kube-system"
}
