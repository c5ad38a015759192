package kubescape.controls.C_0186_test

import data.kubescape.controls.C_0015
import data.kubescape.controls.C_0186

subject(kind, name, rules) := {
	"apiVersion": "kubescape.io/v1", "kind": kind, "metadata": {"name": name},
	"bindings": [{"kind": "ClusterRoleBinding", "name": "b", "namespace": "", "role": {"kind": "ClusterRole", "name": "r", "rules": rules}}],
}

cases := [
	subject("User", "jane", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]),
	subject("User", "jane", [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["db"], "verbs": ["get"]}]),
	subject("User", "jane", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]),
	subject("User", "jane", [{"apiGroups": ["apps"], "resources": ["secrets"], "verbs": ["list"]}]),
	subject("User", "jane", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["create", "delete"]}]),
	subject("Group", "system:masters", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["watch"]}]),
	subject("Group", "system:authenticated", [{"apiGroups": [""], "resources": ["*"], "verbs": ["list"]}]),
	subject("User", "jane", ["odd", {"verbs": "get", "resources": "secrets"}]),
]

# C-0186 and C-0015 report the same rules with the same messages.
test_same_as_c0015 if {
	every s in cases {
		C_0186.deny == C_0015.deny with input as s
	}
}

test_cases_cover_both_outcomes if {
	count([s | some s in cases; count(C_0186.deny) > 0 with input as s]) == 3
}
