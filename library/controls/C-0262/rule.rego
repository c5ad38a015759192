package kubescape.controls.C_0262

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	who := anonymous
	some i, b in input.bindings
	not expected(b)
	finding := {
		"msg": sprintf("%s (%s) is granted %s %q through %s: %s", [
			rbac.subject_name, who, b.role.kind, b.role.name, binding_name(b), grants(b.role),
		]),
		"failedPaths": [sprintf("bindings[%d].name", [i])],
		"reviewPaths": [sprintf("bindings[%d].role.rules", [i])],
	}
}

anonymous := "every request without credentials" if {
	input.kind == "User"
	input.metadata.name == "system:anonymous"
}

anonymous := "every request without credentials" if {
	input.kind == "Group"
	input.metadata.name == "system:unauthenticated"
}

binding_name(b) := sprintf("%s %q", [b.kind, concat("/", [b.namespace, b.name])]) if b.namespace != ""

binding_name(b) := sprintf("%s %q", [b.kind, b.name]) if b.namespace == ""

# Kubernetes' own anonymous bindings, as long as their role only reads.
expected(b) if {
	b.kind == "ClusterRoleBinding"
	b.name == "system:public-info-viewer"
	b.role.kind == "ClusterRole"
	b.role.name == "system:public-info-viewer"
	read_only(b.role)
}

expected(b) if {
	b.kind == "RoleBinding"
	b.namespace == "kube-public"
	b.name == "kubeadm:bootstrap-signer-clusterinfo"
	b.role.kind == "Role"
	b.role.name == "kubeadm:bootstrap-signer-clusterinfo"
	read_only(b.role)
}

read_only(role) if {
	every g in rbac.bound_rules([{"role": role}]) {
		count(rbac.elevation(g.rule)) == 0
	}
}

rules(role) := [r | some g in rbac.bound_rules([{"role": role}]); r := g.rule]

grants(role) := "the role is not in the input" if object.get(role, "found", false) != true

grants(role) := "the role has no rules" if {
	role.found == true
	count(rules(role)) == 0
}

grants(role) := sprintf("%d read-only rule(s)", [count(rules(role))]) if {
	role.found == true
	count(rules(role)) > 0
	count(elevated(role)) == 0
}

grants(role) := sprintf("it allows %s", [concat(", ", elevated(role))]) if {
	role.found == true
	count(elevated(role)) > 0
}

elevated(role) := sort({reason | some r in rules(role); some reason in rbac.elevation(r)})
