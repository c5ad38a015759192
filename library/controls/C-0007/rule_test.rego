package kubescape.controls.C_0007_test

import data.kubescape.controls.C_0007

subject(rules) := {
	"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"},
	"bindings": [{"kind": "ClusterRoleBinding", "name": "b", "namespace": "", "role": {"kind": "ClusterRole", "name": "r", "rules": rules}}],
}

# A wildcard rule matches every target group but gives one finding, naming every resource.
test_one_finding_per_rule if {
	findings := C_0007.deny with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["delete"]}])
	count(findings) == 1
	some f in findings
	contains(f.msg, "delete secrets, pods, services, deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs")
}

test_resources_checked_in_their_group if {
	count(C_0007.deny) == 0 with input as subject([{"apiGroups": [""], "resources": ["deployments", "jobs"], "verbs": ["delete"]}])
	count(C_0007.deny) == 1 with input as subject([{"apiGroups": ["apps", "batch"], "resources": ["deployments", "jobs"], "verbs": ["delete"]}])
}

test_odd_rules_do_not_error if {
	count(C_0007.deny) == 0 with input as subject(["not a rule", {"verbs": "delete", "resources": "pods"}, {"nonResourceURLs": ["*"], "verbs": ["*"]}])
}
