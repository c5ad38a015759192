package kubescape.controls.C_0185

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	not rbac.is_builtin_subject
	some i, b in input.bindings
	b.role.kind == "ClusterRole"
	b.role.name == "cluster-admin"
	not kubeadm_admins(b)
	finding := {
		"msg": sprintf("%s is bound to cluster-admin (%s) through %s", [rbac.subject_name, where(b), rbac.via({"binding": b, "role": b.role})]),
		"failedPaths": [sprintf("bindings[%d].name", [i]), sprintf("bindings[%d].role.name", [i])],
	}
}

where(b) := sprintf("every resource in namespace %q", [b.namespace]) if b.kind == "RoleBinding"

where(b) := "every resource, cluster-wide" if b.kind != "RoleBinding"

# kubeadm (1.29 and later) gives its admin.conf credential the kubeadm:cluster-admins group,
# bound to cluster-admin by a ClusterRoleBinding of the same name.
kubeadm_admins(b) if {
	input.kind == "Group"
	input.metadata.name == "kubeadm:cluster-admins"
	b.kind == "ClusterRoleBinding"
	b.name == "kubeadm:cluster-admins"
}
