package kubescape.lib.rbac_test

import data.kubescape.lib.rbac

subject(rules) := {
	"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"},
	"bindings": [{"kind": "ClusterRoleBinding", "name": "b", "namespace": "", "role": {"kind": "ClusterRole", "name": "r", "rules": rules}}],
}

test_exact_grant if {
	g := rbac.grants(["create"], ["pods/exec"], [""]) with input as subject([{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}])
	count(g) == 1
}

test_wildcards if {
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 1 with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 1 with input as subject([{"apiGroups": [""], "resources": ["pods/*"], "verbs": ["create"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 1 with input as subject([{"apiGroups": [""], "resources": ["*/exec"], "verbs": ["create"]}])
}

test_no_grant if {
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 0 with input as subject([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 0 with input as subject([{"apiGroups": ["apps"], "resources": ["*"], "verbs": ["*"]}])
}

test_is_subject if {
	rbac.is_subject with input as subject([])
	not rbac.is_subject with input as {"apiVersion": "v1", "kind": "ServiceAccount"}
}

test_via if {
	g := {"binding": {"kind": "RoleBinding", "name": "b", "namespace": "ns"}, "role": {"kind": "ClusterRole", "name": "edit"}}
	rbac.via(g) == "RoleBinding \"ns/b\" -> ClusterRole \"edit\""
}

named(kind, name) := {"apiVersion": "kubescape.io/v1", "kind": kind, "metadata": {"name": name}, "bindings": []}

test_builtin_subjects if {
	rbac.is_builtin_subject with input as named("Group", "system:masters")
	rbac.is_builtin_subject with input as named("User", "system:kube-controller-manager")
	rbac.is_builtin_subject with input as named("Group", "system:nodes")
	not rbac.is_builtin_subject with input as named("User", "system:anonymous")
	not rbac.is_builtin_subject with input as named("Group", "system:unauthenticated")
	not rbac.is_builtin_subject with input as named("Group", "system:authenticated")
	not rbac.is_builtin_subject with input as named("Group", "system:serviceaccounts")
	not rbac.is_builtin_subject with input as named("Group", "system:serviceaccounts:ci")
	not rbac.is_builtin_subject with input as named("User", "system:serviceaccount:ci:deployer")
	not rbac.is_builtin_subject with input as named("User", "jane")
	not rbac.is_builtin_subject with input as {"apiVersion": "kubescape.io/v1", "kind": "ServiceAccount", "metadata": {"name": "system:x", "namespace": "ns"}}
	not rbac.is_builtin_subject with input as {"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": 7}}
}

sa(ns, binding, role_kind, role) := {
	"apiVersion": "kubescape.io/v1", "kind": "ServiceAccount", "metadata": {"name": "x", "namespace": ns},
	"bindings": [{"kind": "ClusterRoleBinding", "name": binding, "namespace": "", "role": {"kind": role_kind, "name": role, "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["delete"]}]}}],
}

test_builtin_grant if {
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 0 with input as sa("kube-system", "system:controller:namespace-controller", "ClusterRole", "system:controller:namespace-controller")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("kube-system", "tiller", "ClusterRole", "system:controller:namespace-controller")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("kube-system", "system:x", "ClusterRole", "cluster-admin")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("apps", "system:x", "ClusterRole", "system:y")
}

test_reportable_grants_skip_builtin_subjects if {
	s := object.union(subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]), {"metadata": {"name": "system:masters"}, "kind": "Group"})
	count(rbac.grants(["delete"], ["pods"], [""])) == 1 with input as s
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 0 with input as s
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
}

test_resource_names if {
	rbac.resource_names({"resourceNames": ["a"]}) == ["a"]
	rbac.resource_names({}) == []
	rbac.resource_names({"resourceNames": "a"}) == []
	rbac.names_allow({}, "coredns")
	rbac.names_allow({"resourceNames": []}, "coredns")
	rbac.names_allow({"resourceNames": ["other", "coredns"]}, "coredns")
	not rbac.names_allow({"resourceNames": ["other"]}, "coredns")
}

test_access if {
	rbac.access({"verbs": ["*"], "resources": ["*"]}, ["delete", "deletecollection"], ["pods", "secrets"]) == "delete/deletecollection pods, secrets"
	rbac.access({"verbs": ["get", "delete"], "resources": ["pods/*"]}, ["create", "get"], ["pods/exec"]) == "get pods/exec"
	rbac.access({"verbs": ["delete"], "resources": ["secrets", "configmaps"]}, ["delete"], ["pods", "secrets"]) == "delete secrets"
}

test_only_names if {
	rbac.only_names({"resourceNames": ["a", "b"]}) == " (only \"a\", \"b\")"
	rbac.only_names({}) == ""
}
