package kubescape.controls.C_0191_test

import data.kubescape.controls.C_0191

subject(rules) := {
	"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"},
	"bindings": [{"kind": "ClusterRoleBinding", "name": "b", "namespace": "", "role": {"kind": "ClusterRole", "name": "r", "rules": rules}}],
}

# A full wildcard rule gives one finding naming every dangerous verb.
test_wildcard_one_finding if {
	findings := C_0191.deny with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	count(findings) == 1
	some f in findings
	f.msg == "User \"jane\" can bind/escalate roles, clusterroles and impersonate users, groups, serviceaccounts, userextras/* through ClusterRoleBinding \"b\" -> ClusterRole \"r\""
}

test_rbac_group_matters if {
	count(C_0191.deny) == 0 with input as subject([{"apiGroups": [""], "resources": ["roles"], "verbs": ["bind"]}])
	count(C_0191.deny) == 1 with input as subject([{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["escalate"]}])
}

test_odd_rules_do_not_error if {
	count(C_0191.deny) == 0 with input as subject(["x", {"verbs": "bind", "resources": "roles"}, {"verbs": ["impersonate"], "resources": 3}])
}
