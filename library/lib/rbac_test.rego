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
