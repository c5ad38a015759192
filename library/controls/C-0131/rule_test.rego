package kubescape.controls.C_0131_test

import data.kubescape.controls.C_0131

_pod(args) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{
	"name": "kube-apiserver",
	"command": ["kube-apiserver"],
	"args": array.concat(["--audit-log-path=/var/log/audit.log"], args),
}]}}

test_values if {
	every v in ["30", "+45", "0", "365"] {
		count(C_0131.deny) == 0 with input as _pod([sprintf("--audit-log-maxage=%s", [v])])
	}
	every v in ["29", "1", ""] {
		count(C_0131.deny) == 1 with input as _pod([sprintf("--audit-log-maxage=%s", [v])])
	}
	count(C_0131.deny) == 1 with input as _pod([])
}

test_stdout_log_is_not_rotated if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{
		"name": "kube-apiserver",
		"command": ["kube-apiserver", "--audit-log-path", "-", "--audit-log-maxage=1"],
	}]}}
	count(C_0131.deny) == 0 with input as pod
}
