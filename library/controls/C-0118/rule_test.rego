package kubescape.controls.C_0118_test

import data.kubescape.controls.C_0118

_pod(command) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{
	"name": "kube-apiserver",
	"command": command,
}]}}

_only(set) := x if {
	count(set) == 1
	some x in set
}

test_repeated_flag_with_other_modes if {
	f := _only(C_0118.deny) with input as _pod(["kube-apiserver", "--authorization-mode=AlwaysAllow", "--authorization-mode=Node,RBAC"])
	f.failedPaths == ["spec.containers[0].command[1]"]
	f.deletePaths == ["spec.containers[0].command[1]"]
	not f.fixPaths
}

test_repeated_flag_always_allow_only if {
	f := _only(C_0118.deny) with input as _pod(["kube-apiserver", "--authorization-mode=AlwaysAllow", "--authorization-mode", "AlwaysAllow"])
	f.failedPaths == ["spec.containers[0].command[2]", "spec.containers[0].command[3]", "spec.containers[0].command[1]"]
	f.fixPaths == [{"path": "spec.containers[0].command[3]", "value": "Node,RBAC"}]
	f.deletePaths == ["spec.containers[0].command[1]"]
}

test_empty_flag_is_the_default if {
	f := _only(C_0118.deny) with input as _pod(["kube-apiserver", "--authorization-mode="])
	f.fixPaths == [{"path": "spec.containers[0].command[1]", "value": "--authorization-mode=Node,RBAC"}]
}

test_rbac_and_config_pass if {
	count(C_0118.deny) == 0 with input as _pod(["kube-apiserver", "--authorization-mode=Node,RBAC"])
	count(C_0118.deny) == 0 with input as _pod(["kube-apiserver", "--authorization-config=/etc/authz.yaml"])
}
