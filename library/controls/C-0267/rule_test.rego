package kubescape.controls.C_0267_test

import data.kubescape.controls.C_0267

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "a"}, "spec": {"serviceAccountName": "sa", "containers": [{"name": "c", "image": "x"}]}}

binding(kind, ns, rules) := {"kind": kind, "name": "b", "namespace": ns, "role": {"kind": "ClusterRole", "name": "r", "found": true, "rules": rules}}

writer := [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["patch"]}]

reader := [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}]

related(bindings) := {"related": {"/v1/a/Pod/p": {"serviceAccount": {"name": "sa", "found": false, "bindings": bindings}}}}

test_same_namespace if {
	count(C_0267.deny) == 1 with input as pod with data.kubescape.index as related([binding("RoleBinding", "a", writer), binding("RoleBinding", "a", reader)])
}

test_different_namespaces if {
	count(C_0267.deny) == 0 with input as pod with data.kubescape.index as related([binding("RoleBinding", "a", writer), binding("RoleBinding", "b", reader)])
}

test_cluster_wide_reaches_namespace if {
	findings := C_0267.deny with input as pod with data.kubescape.index as related([binding("RoleBinding", "b", writer), binding("ClusterRoleBinding", "", reader)])
	count(findings) == 1
	some f in findings
	contains(f.msg, "read Secrets in namespace \"b\"")
}

test_named_secrets_do_not_count if {
	named := [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["s"], "verbs": ["get"]}]
	count(C_0267.deny) == 0 with input as pod with data.kubescape.index as related([binding("ClusterRoleBinding", "", writer), binding("ClusterRoleBinding", "", named)])
}

test_one_rule_with_both if {
	both := [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "create"]}]
	count(C_0267.deny) == 1 with input as pod with data.kubescape.index as related([binding("ClusterRoleBinding", "", both)])
}
