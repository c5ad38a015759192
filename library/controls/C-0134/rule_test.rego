package kubescape.controls.C_0134_test

import data.kubescape.controls.C_0134

_pod(value) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{
	"name": "kube-apiserver",
	"command": ["kube-apiserver", sprintf("--request-timeout=%s", [value])],
}]}}

_flagged(value) if count(C_0134.deny) == 1 with input as _pod(value)

test_usual_values_pass if {
	every v in ["60s", "1m", "300s", "5m", "2m30s", "1.5m", "90000ms"] {
		not _flagged(v)
	}
}

test_unusual_values_are_reviewed if {
	every v in ["301s", "1h", "0", "0s", "-1m", "60", "", "1 minute", "5m0.5s1h"] {
		_flagged(v)
	}
}

test_absent_flag_passes if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "kube-apiserver", "command": ["kube-apiserver"]}]}}
	count(C_0134.deny) == 0 with input as pod
}
