package kubescape.controls.C_0277_test

import data.kubescape.controls.C_0277

_pod(args) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{
	"name": "kube-apiserver",
	"command": ["kube-apiserver"],
	"args": args,
}]}}

_only(set) := x if {
	count(set) == 1
	some x in set
}

test_strong_list_passes if {
	count(C_0277.deny) == 0 with input as _pod([concat(",", ["--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_AES_128_GCM_SHA256"])])
}

test_weak_suites_are_dropped if {
	f := _only(C_0277.deny) with input as _pod(["--tls-cipher-suites=TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"])
	f.fixPaths == [{"path": "spec.containers[0].args[0]", "value": "--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}]
	contains(f.msg, "TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")
}

test_only_weak_gets_recommended_list if {
	f := _only(C_0277.deny) with input as _pod(["--tls-cipher-suites", "TLS_RSA_WITH_RC4_128_SHA"])
	f.failedPaths == ["spec.containers[0].args[0]", "spec.containers[0].args[1]"]
	f.fixPaths[0].path == "spec.containers[0].args[1]"
	startswith(f.fixPaths[0].value, "TLS_AES_128_GCM_SHA256,")
	not contains(f.fixPaths[0].value, "POLY1305,")
}

test_missing_or_empty_list_fails if {
	a := _only(C_0277.deny) with input as _pod(["--secure-port=6443"])
	a.fixPaths[0].path == "spec.containers[0].args[1]"
	b := _only(C_0277.deny) with input as _pod(["--tls-cipher-suites="])
	b.fixPaths[0].path == "spec.containers[0].args[0]"
}

test_tls13_only_passes if {
	count(C_0277.deny) == 0 with input as _pod(["--tls-min-version", "VersionTLS13", "--tls-cipher-suites=TLS_RSA_WITH_RC4_128_SHA"])
	count(C_0277.deny) == 1 with input as _pod(["--tls-min-version=VersionTLS12"])
}
