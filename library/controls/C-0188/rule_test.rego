package kubescape.controls.C_0188_test

import data.kubescape.controls.C_0188

subject(rules) := {
	"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"},
	"bindings": [{"kind": "RoleBinding", "name": "b", "namespace": "ns", "role": {"kind": "Role", "name": "r", "rules": rules}}],
}

test_wildcard_names_every_resource if {
	findings := C_0188.deny with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["create"]}])
	count(findings) == 1
	some f in findings
	contains(f.msg, "can create pods, replicationcontrollers, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs through")
}

test_resources_checked_in_their_group if {
	count(C_0188.deny) == 0 with input as subject([{"apiGroups": [""], "resources": ["deployments", "jobs"], "verbs": ["create"]}])
	count(C_0188.deny) == 0 with input as subject([{"apiGroups": ["apps"], "resources": ["pods"], "verbs": ["create"]}])
	count(C_0188.deny) == 1 with input as subject([{"apiGroups": ["batch"], "resources": ["cronjobs"], "verbs": ["create"]}])
}

test_resource_names_cannot_limit_create if {
	count(C_0188.deny) == 0 with input as subject([{"apiGroups": [""], "resources": ["pods"], "resourceNames": ["x"], "verbs": ["create", "update"]}])
}

test_subresources_are_not_pods if {
	count(C_0188.deny) == 0 with input as subject([{"apiGroups": [""], "resources": ["pods/exec", "pods/eviction"], "verbs": ["create"]}])
}
