package kubescape.lib.controlplane_test

import data.kubescape.lib.controlplane as cp

_pod(labels, containers) := {
	"apiVersion": "v1",
	"kind": "Pod",
	"metadata": {"name": "p", "namespace": "kube-system", "labels": labels},
	"spec": {"containers": containers},
}

_kubeadm_apiserver := _pod({"component": "kube-apiserver", "tier": "control-plane"}, [{
	"name": "kube-apiserver",
	"image": "registry.k8s.io/kube-apiserver:v1.30.2",
	"command": [
		"kube-apiserver",
		"--advertise-address=10.0.0.10",
		"--allow-privileged=true",
		"--enable-admission-plugins=NodeRestriction",
		"--secure-port",
		"6443",
		"--profiling",
		"--tls-cipher-suites=TLS_A,TLS_B",
		"--tls-cipher-suites=TLS_C",
		"--feature-gates=A=true,B=false",
		"--feature-gates=A=false",
		"--authorization_mode=Node,RBAC",
	],
}])

_only(set) := x if {
	count(set) == 1
	some x in set
}

test_kubeadm_apiserver_detected if {
	inst := _only(cp.instances) with input as _kubeadm_apiserver
	inst.component == "kube-apiserver"
	inst.name == "kube-apiserver"
	inst.shell == false
	inst.addPath == "spec.containers[0].command[12]"
	cp.describe(inst) == `kube-apiserver (container "kube-apiserver")`
	cp.version(inst) == [1, 30, 2]
	count(cp.apiservers) == 1 with input as _kubeadm_apiserver
	count(cp.etcds) == 0 with input as _kubeadm_apiserver
}

test_flag_forms if {
	inst := _only(cp.instances) with input as _kubeadm_apiserver
	f := cp.flag(inst, "advertise-address")
	f.value == "10.0.0.10"
	f.form == "inline"
	f.path == "spec.containers[0].command[1]"
	f.list == "command"
	f.index == 1

	s := cp.flag(inst, "secure-port")
	s.value == "6443"
	s.form == "split"
	s.path == "spec.containers[0].command[4]"
	s.valuePath == "spec.containers[0].command[5]"
	cp.flag_paths(s) == ["spec.containers[0].command[4]", "spec.containers[0].command[5]"]

	b := cp.flag(inst, "profiling")
	b.value == "true"
	b.form == "bare"
	cp.flag_bool(inst, "profiling", false) == true
	cp.flag_bool(inst, "anonymous-auth", true) == true

	# "_" reads as "-"
	cp.flag_value(inst, "authorization-mode") == "Node,RBAC"
	not cp.has_flag(inst, "insecure-port")
	cp.flag_value_or(inst, "insecure-port", "0") == "0"
	not cp.flag_set(inst, "encryption-provider-config")
}

test_repeated_flags if {
	inst := _only(cp.instances) with input as _kubeadm_apiserver
	cp.flag(inst, "tls-cipher-suites").path == "spec.containers[0].command[8]"
	cp.flag_value(inst, "tls-cipher-suites") == "TLS_C"
	cp.flag_list(inst, "tls-cipher-suites") == ["TLS_A", "TLS_B", "TLS_C"]
	count(cp.occurrences(inst, "tls-cipher-suites")) == 2
	cp.flag_map(inst, "feature-gates") == {"A": "false", "B": "false"}
	cp.feature_gate(inst, "A") == false
	not cp.feature_gate(inst, "C")
}

test_admission_defaults if {
	inst := _only(cp.instances) with input as _kubeadm_apiserver
	cp.admission_plugin_enabled(inst, "NodeRestriction")
	cp.admission_plugin_enabled(inst, "PodSecurity")
	cp.admission_plugin_enabled(inst, "NamespaceLifecycle")
	cp.admission_plugin_enabled(inst, "ServiceAccount")
	not cp.admission_plugin_enabled(inst, "AlwaysPullImages")
	not cp.admission_plugin_enabled(inst, "PodSecurityPolicy")
	cp.admission_plugin_disabled_by(inst, "PodSecurity") == []
}

test_admission_disable if {
	pod := _pod({}, [{"name": "api", "command": [
		"/usr/local/bin/kube-apiserver",
		"--disable-admission-plugins=PodSecurity, ServiceAccount",
		"--enable-admission-plugins=PodSecurity,AlwaysPullImages",
	]}])
	inst := _only(cp.instances) with input as pod
	not cp.admission_plugin_enabled(inst, "PodSecurity")
	not cp.admission_plugin_enabled(inst, "ServiceAccount")
	cp.admission_plugin_enabled(inst, "AlwaysPullImages")
	[f.path | some f in cp.admission_plugin_disabled_by(inst, "PodSecurity")] == ["spec.containers[0].command[1]"]
}

test_admission_legacy_list if {
	pod := _pod({}, [{"name": "api", "command": ["kube-apiserver", "--admission-control=NamespaceLifecycle,ServiceAccount"]}])
	inst := _only(cp.instances) with input as pod
	cp.admission_plugins(inst) == {"NamespaceLifecycle", "ServiceAccount"}
	not cp.admission_plugin_enabled(inst, "PodSecurity")
	[f.path | some f in cp.admission_plugin_disabled_by(inst, "PodSecurity")] == ["spec.containers[0].command[1]"]
}

test_admission_version_gate if {
	pod := _pod({}, [{"name": "api", "image": "k8s.gcr.io/kube-apiserver:v1.22.9", "command": ["kube-apiserver"]}])
	inst := _only(cp.instances) with input as pod
	not cp.admission_plugin_enabled(inst, "PodSecurity")
	cp.admission_plugin_enabled(inst, "ServiceAccount")
}

test_flags_in_args if {
	pod := _pod({}, [{"name": "kcm", "command": ["kube-controller-manager"], "args": ["--profiling=false", "--bind-address", "127.0.0.1"]}])
	inst := _only(cp.instances) with input as pod
	inst.component == "kube-controller-manager"
	cp.flag(inst, "profiling").path == "spec.containers[0].args[0]"
	cp.flag_bool(inst, "profiling", true) == false
	cp.flag(inst, "bind-address").valuePath == "spec.containers[0].args[2]"
	inst.addPath == "spec.containers[0].args[3]"
	cp.add_flags_paths(inst, [["a", "1"], ["b", "YOUR_VALUE"]]) == {"fixPaths": [
		{"path": "spec.containers[0].args[3]", "value": "--a=1"},
		{"path": "spec.containers[0].args[4]", "value": "--b=YOUR_VALUE"},
	]}
}

test_wrappers if {
	hk := _pod({}, [{"name": "s", "command": ["/hyperkube", "scheduler", "--profiling=false"]}])
	s := _only(cp.instances) with input as hk
	s.component == "kube-scheduler"
	cp.flag(s, "profiling").path == "spec.containers[0].command[2]"

	gr := _pod({}, [{"name": "a", "command": [
		"/go-runner", "--log-file=/var/log/kube-apiserver.log", "--also-stdout",
		"/usr/local/bin/kube-apiserver", "--insecure-port=0",
	]}])
	a := _only(cp.instances) with input as gr
	a.component == "kube-apiserver"
	[f.name | some f in a.flags] == ["insecure-port"]
}

test_shell_script if {
	pod := _pod({"k8s-app": "kube-apiserver"}, [{"name": "kube-apiserver", "command": [
		"/bin/sh", "-c",
		"mkfifo /tmp/pipe; (tee -a /var/log/kube-apiserver.log < /tmp/pipe & ) ; exec /usr/local/bin/kube-apiserver --insecure-port=8080 --profiling 'false' --v=2 > /tmp/pipe 2>&1",
	]}])
	inst := _only(cp.instances) with input as pod
	inst.shell == true
	inst.scriptPath == "spec.containers[0].command[2]"
	cp.flag_value(inst, "insecure-port") == "8080"
	cp.flag_value(inst, "profiling") == "false"
	cp.flag(inst, "v").form == "script"
	[f.name | some f in inst.flags] == ["insecure-port", "profiling", "v"]
	cp.add_flag_paths(inst, "x", "y") == {"failedPaths": ["spec.containers[0].command[2]"]}
}

test_label_with_entrypoint_args if {
	pod := _pod({"component": "etcd"}, [{"name": "etcd", "image": "registry.k8s.io/etcd:3.5.12-0", "args": ["--cert-file=/c", "--client-cert-auth"]}])
	inst := _only(cp.instances) with input as pod
	inst.component == "etcd"
	cp.flag(inst, "cert-file").path == "spec.containers[0].args[0]"
	cp.flag_bool(inst, "client-cert-auth", false) == true
	not cp.version(inst)
}

test_label_needs_the_right_container if {
	pod := _pod({"component": "kube-apiserver"}, [
		{"name": "proxy", "image": "envoyproxy/envoy:v1.30.0", "args": ["--config-path", "/etc/envoy.yaml"]},
		{"name": "kube-apiserver", "image": "example.com/apiserver:v1", "args": ["--secure-port=6443"]},
	])
	inst := _only(cp.instances) with input as pod
	inst.name == "kube-apiserver"
	inst.container.index == 1
}

test_image_without_label if {
	pod := _pod({}, [{"name": "x", "image": "registry.k8s.io/kube-scheduler-amd64:v1.20.0", "args": ["--profiling=false"]}])
	inst := _only(cp.instances) with input as pod
	inst.component == "kube-scheduler"
	cp.version(inst) == [1, 20, 0]
}

test_etcd_env_flags if {
	pod := _pod({}, [{
		"name": "etcd",
		"command": ["etcd", "-cert-file", "/etc/etcd/server.crt"],
		"env": [
			{"name": "ETCD_CERT_FILE", "value": "/env.crt"},
			{"name": "ETCD_CLIENT_CERT_AUTH", "value": "true"},
			{"name": "ETCD_PEER_KEY_FILE", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}},
		],
	}])
	inst := _only(cp.instances) with input as pod
	cp.flag_value(inst, "cert-file") == "/etc/etcd/server.crt"
	cp.flag_bool(inst, "client-cert-auth", false) == true
	cp.flag(inst, "client-cert-auth").path == "spec.containers[0].env[1].value"
	cp.remove_flag_paths(inst, "client-cert-auth").deletePaths == ["spec.containers[0].env[1]"]
	not cp.has_flag(inst, "peer-key-file")
}

test_app_pods_are_not_components if {
	app := _pod({"app": "web"}, [{"name": "web", "image": "nginx:1.27", "args": ["--etcd", "/var/lib/etcd"]}])
	count(cp.instances) == 0 with input as app
	shell := _pod({"component": "kube-apiserver"}, [{"name": "kube-apiserver", "command": ["sh", "-c", "echo hello"]}])
	count(cp.instances) == 0 with input as shell
	init := _pod({}, [{"name": "web", "image": "nginx:1.27"}])
	count(cp.instances) == 0 with input as object.union(init, {"spec": {"initContainers": [{"name": "v", "command": ["kube-apiserver", "--version"]}]}})
}

test_odd_values if {
	pod := _pod({}, [{"name": "a", "command": ["kube-apiserver", "--secure-port", 6443, "--", "--ignored=1"], "args": "nope"}])
	inst := _only(cp.instances) with input as pod
	cp.flag_value(inst, "secure-port") == "6443"
	not cp.has_flag(inst, "ignored")
	inst.addPath == "spec.containers[0].command[5]"
	count(cp.instances) == 0 with input as {"kind": "Pod", "spec": {"containers": "x"}}
	count(cp.instances) == 0 with input as {"kind": "Pod", "spec": {"containers": [{"command": [null, 3]}]}}
}

test_finding_paths if {
	inst := _only(cp.instances) with input as _kubeadm_apiserver
	cp.set_flag_paths(cp.flag(inst, "advertise-address"), "1.2.3.4") == {
		"failedPaths": ["spec.containers[0].command[1]"],
		"fixPaths": [{"path": "spec.containers[0].command[1]", "value": "--advertise-address=1.2.3.4"}],
	}
	cp.set_flag_paths(cp.flag(inst, "secure-port"), "443").fixPaths == [{"path": "spec.containers[0].command[5]", "value": "443"}]
	cp.remove_flag_paths(inst, "tls-cipher-suites").deletePaths == ["spec.containers[0].command[7]", "spec.containers[0].command[8]"]
	cp.remove_flag_paths(inst, "secure-port").deletePaths == ["spec.containers[0].command[4]", "spec.containers[0].command[5]"]
	not cp.remove_flag_paths(inst, "insecure-port")
}

test_deployment_kinds if {
	d := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {
		"metadata": {"labels": {"component": "kube-apiserver"}},
		"spec": {"containers": [{"name": "apiserver", "args": ["--secure-port=6443"]}]},
	}}}
	inst := _only(cp.instances) with input as d
	cp.flag(inst, "secure-port").path == "spec.template.spec.containers[0].args[0]"
}

test_add_path_without_command if {
	pod := _pod({"component": "kube-scheduler"}, [{"name": "kube-scheduler", "image": "registry.k8s.io/kube-scheduler:v1.30.0"}])
	inst := _only(cp.instances) with input as pod
	inst.addPath == "spec.containers[0].args[0]"
	count(inst.flags) == 0
}

test_merge_paths if {
	cp.merge_paths([
		{"failedPaths": ["a", "b"], "fixPaths": [{"path": "a", "value": "1"}]},
		{"failedPaths": ["b", "c"], "deletePaths": []},
		{"fixPaths": [{"path": "a", "value": "1"}, {"path": "d", "value": "2"}]},
	]) == {"failedPaths": ["a", "b", "c"], "fixPaths": [{"path": "a", "value": "1"}, {"path": "d", "value": "2"}]}
	count(cp.merge_paths([])) == 0
}

test_ensure_flags_paths if {
	pod := _pod({}, [{"name": "a", "command": ["kube-apiserver", "--client-ca-file=", "--tls-cert-file", ""]}])
	inst := _only(cp.instances) with input as pod
	cp.ensure_flags_paths(inst, [["tls-private-key-file", "K"], ["client-ca-file", "C"], ["tls-cert-file", "T"], ["etcd-cafile", "E"]]) == {
		"failedPaths": ["spec.containers[0].command[1]", "spec.containers[0].command[2]", "spec.containers[0].command[3]"],
		"fixPaths": [
			{"path": "spec.containers[0].command[1]", "value": "--client-ca-file=C"},
			{"path": "spec.containers[0].command[3]", "value": "T"},
			{"path": "spec.containers[0].command[4]", "value": "--tls-private-key-file=K"},
			{"path": "spec.containers[0].command[5]", "value": "--etcd-cafile=E"},
		],
	}
}

test_enable_admission_plugin_paths if {
	pod := _pod({}, [{"name": "a", "command": [
		"kube-apiserver",
		"--enable-admission-plugins=NodeRestriction",
		"--disable-admission-plugins=ServiceAccount,DefaultStorageClass",
		"--disable-admission-plugins",
		"NamespaceLifecycle",
	]}])
	inst := _only(cp.instances) with input as pod

	# a default plugin: out of the disable list only
	cp.enable_admission_plugin_paths(inst, "ServiceAccount") == {
		"failedPaths": ["spec.containers[0].command[2]"],
		"fixPaths": [{"path": "spec.containers[0].command[2]", "value": "--disable-admission-plugins=DefaultStorageClass"}],
	}

	# the only item of a split flag: the flag goes
	cp.enable_admission_plugin_paths(inst, "NamespaceLifecycle") == {
		"failedPaths": ["spec.containers[0].command[3]", "spec.containers[0].command[4]"],
		"deletePaths": ["spec.containers[0].command[3]", "spec.containers[0].command[4]"],
	}

	# an optional plugin: appended to the enable list
	cp.enable_admission_plugin_paths(inst, "AlwaysPullImages") == {
		"failedPaths": ["spec.containers[0].command[1]"],
		"fixPaths": [{"path": "spec.containers[0].command[1]", "value": "--enable-admission-plugins=NodeRestriction,AlwaysPullImages"}],
	}

	bare := _pod({}, [{"name": "a", "command": ["kube-apiserver"], "args": ["--secure-port=6443"]}])
	b := _only(cp.instances) with input as bare
	cp.enable_admission_plugin_paths(b, "NodeRestriction") == {"fixPaths": [{"path": "spec.containers[0].args[1]", "value": "--enable-admission-plugins=NodeRestriction"}]}

	legacy := _pod({}, [{"name": "a", "command": ["kube-apiserver", "--admission-control", "NamespaceLifecycle,,ServiceAccount"]}])
	l := _only(cp.instances) with input as legacy
	cp.enable_admission_plugin_paths(l, "NodeRestriction").fixPaths == [{"path": "spec.containers[0].command[2]", "value": "NamespaceLifecycle,ServiceAccount,NodeRestriction"}]
}

test_disable_admission_plugin_paths if {
	pod := _pod({}, [{"name": "a", "command": [
		"kube-apiserver",
		"--enable-admission-plugins=AlwaysAdmit,NodeRestriction",
		"--enable-admission-plugins=AlwaysAdmit",
	]}])
	inst := _only(cp.instances) with input as pod
	cp.disable_admission_plugin_paths(inst, "AlwaysAdmit") == {
		"failedPaths": ["spec.containers[0].command[1]", "spec.containers[0].command[2]"],
		"fixPaths": [{"path": "spec.containers[0].command[1]", "value": "--enable-admission-plugins=NodeRestriction"}],
		"deletePaths": ["spec.containers[0].command[2]"],
	}
	cp.disable_admission_plugin_paths(inst, "ServiceAccount") == {"fixPaths": [{"path": "spec.containers[0].command[3]", "value": "--disable-admission-plugins=ServiceAccount"}]}

	shell := _pod({}, [{"name": "a", "command": ["sh", "-c", "exec kube-apiserver --enable-admission-plugins=AlwaysAdmit"]}])
	s := _only(cp.instances) with input as shell
	cp.disable_admission_plugin_paths(s, "AlwaysAdmit") == {"failedPaths": ["spec.containers[0].command[2]"]}
}

test_authorization_modes if {
	modes(["kube-apiserver"]) == ["AlwaysAllow"]
	modes(["kube-apiserver", "--authorization-mode="]) == ["AlwaysAllow"]
	modes(["kube-apiserver", "--authorization-mode=Node, RBAC", "--authorization-mode", "Webhook"]) == ["Node", "RBAC", "Webhook"]
	not modes(["kube-apiserver", "--authorization-config=/etc/kubernetes/authz.yaml"])
}

modes(command) := cp.authorization_modes(inst) if {
	inst := _only(cp.instances) with input as _pod({}, [{"name": "a", "command": command}])
}

test_add_authorization_mode_paths if {
	pod := _pod({}, [{"name": "a", "command": ["kube-apiserver", "--authorization-mode", "RBAC"]}])
	inst := _only(cp.instances) with input as pod
	cp.add_authorization_mode_paths(inst, "Node").fixPaths == [{"path": "spec.containers[0].command[2]", "value": "Node,RBAC"}]
	cp.add_authorization_mode_paths(inst, "Webhook").fixPaths == [{"path": "spec.containers[0].command[2]", "value": "RBAC,Webhook"}]
	bare := _pod({}, [{"name": "a", "command": ["kube-apiserver"]}])
	b := _only(cp.instances) with input as bare
	cp.add_authorization_mode_paths(b, "RBAC").fixPaths == [{"path": "spec.containers[0].command[1]", "value": "--authorization-mode=Node,RBAC"}]
}

test_message_texts if {
	a := _only(cp.instances) with input as _pod({}, [{"name": "a", "command": ["kube-apiserver"]}])
	cp.authorization_mode_text(a) == "no --authorization-mode, so the default AlwaysAllow applies"
	cp.admission_plugin_off_text(a, "NodeRestriction") == "it is not on by default and there is no --enable-admission-plugins"
	b := _only(cp.instances) with input as _kubeadm_apiserver
	cp.authorization_mode_text(b) == "--authorization-mode=Node,RBAC"
	cp.admission_plugin_off_text(b, "AlwaysPullImages") == "it is not on by default and --enable-admission-plugins does not list it"
	c := _only(cp.instances) with input as _pod({}, [{"name": "a", "command": ["kube-apiserver", "--disable-admission-plugins=ServiceAccount"]}])
	cp.admission_plugin_off_text(c, "ServiceAccount") == "--disable-admission-plugins turns it off"
	d := _only(cp.instances) with input as _pod({}, [{"name": "a", "command": ["kube-apiserver", "--admission-control=ServiceAccount"]}])
	cp.admission_plugin_off_text(d, "NamespaceLifecycle") == "the legacy --admission-control list leaves it out"
}

test_unset_flags if {
	inst := _only(cp.instances) with input as _pod({}, [{"name": "a", "command": ["kube-apiserver", "--a=", "--b=1", "--c", " "]}])
	cp.unset_flags(inst, ["a", "b", "c", "d"]) == ["a", "c", "d"]
	cp.unset_flags_text(inst, ["a", "d"]) == "--a is empty and --d is not set"
}

# --- Controller-manager, scheduler and etcd helpers -------------------------------------------

test_feature_gate_occurrence if {
	pod := _pod({}, [{"name": "kcm", "command": [
		"kube-controller-manager",
		"--feature-gates=RotateKubeletServerCertificate=false,A=true",
		"--feature-gates=B=true",
		"--feature-gates", "C=true, RotateKubeletServerCertificate=0",
	]}])
	inst := _only(cp.instances) with input as pod
	f := cp.feature_gate_flag(inst, "RotateKubeletServerCertificate")
	f.path == "spec.containers[0].command[3]"
	f.valuePath == "spec.containers[0].command[4]"
	cp.feature_gate_disabled(inst, "RotateKubeletServerCertificate")
	not cp.feature_gate_disabled(inst, "A")
	not cp.feature_gate_flag(inst, "D")
	cp.with_feature_gate(f.value, "RotateKubeletServerCertificate", "true") == "C=true,RotateKubeletServerCertificate=true"
}

test_addresses if {
	cp.address_host("127.0.0.1:10257") == "127.0.0.1"
	cp.address_host("[::1]:2379") == "::1"
	cp.address_host("::1") == "::1"
	cp.address_host(":10249") == ""
	cp.address_host("0.0.0.0") == "0.0.0.0"
	not cp.address_host("[::1")
	cp.is_loopback_address("127.0.0.1")
	cp.is_loopback_address("127.0.1.1:10249")
	cp.is_loopback_address("[::1]:10249")
	cp.is_loopback_address("0:0:0:0:0:0:0:1")
	cp.is_loopback_address("::FFFF:127.0.0.1")
	cp.is_loopback_address("LocalHost:80")
	not cp.is_loopback_address("0.0.0.0:10249")
	not cp.is_loopback_address("[::]:10249")
	not cp.is_loopback_address(":10249")
	not cp.is_loopback_address("10.0.0.1")
	not cp.is_loopback_address("127.0.0.1.example.com")
	not cp.is_loopback_address("::10")
	cp.is_local_url("https://127.0.0.1:2380")
	cp.is_local_url("http://localhost:2380/")
	cp.is_local_url("https://[::1]:2380")
	cp.is_local_url("unix://etcd.sock")
	not cp.is_local_url("https://10.0.0.10:2380")
	not cp.is_local_url("https://127.0.0.1.nip.io:2380")
	not cp.is_local_url("127.0.0.1:2380")
}

test_etcd_peers_local if {
	local := _pod({}, [{"name": "etcd", "command": ["etcd", "--listen-peer-urls=https://10.0.0.10:2380", "--listen-peer-urls", "http://127.0.0.1:2380, unix://peer.sock"]}])
	cp.etcd_peers_local(_only(cp.etcds)) with input as local
	absent := _pod({}, [{"name": "etcd", "command": ["etcd", "--data-dir=/var/lib/etcd"]}])
	cp.etcd_peers_local(_only(cp.etcds)) with input as absent
	remote := _pod({}, [{"name": "etcd", "command": ["etcd", "--listen-peer-urls=https://127.0.0.1:2380,https://10.0.0.10:2380"]}])
	not cp.etcd_peers_local(_only(cp.etcds)) with input as remote
}

test_host_file if {
	pod := {
		"apiVersion": "v1",
		"kind": "Pod",
		"metadata": {"name": "etcd", "namespace": "kube-system"},
		"spec": {
			"containers": [{
				"name": "etcd",
				"command": ["etcd"],
				"volumeMounts": [
					{"name": "pki", "mountPath": "/etc/kubernetes/pki/"},
					{"name": "etcd-certs", "mountPath": "/etc/kubernetes/pki/etcd"},
					{"name": "sub", "mountPath": "/certs", "subPath": "etcd"},
					{"name": "secret", "mountPath": "/secret"},
				],
			}],
			"volumes": [
				{"name": "pki", "hostPath": {"path": "/etc/kubernetes/pki", "type": "DirectoryOrCreate"}},
				{"name": "etcd-certs", "hostPath": {"path": "/srv/etcd/pki/"}},
				{"name": "sub", "hostPath": {"path": "/opt/tls"}},
				{"name": "secret", "secret": {"secretName": "s"}},
			],
		},
	}
	inst := _only(cp.etcds) with input as pod
	cp.host_file(inst, "/etc/kubernetes/pki/ca.crt") == "/etc/kubernetes/pki/ca.crt" with input as pod
	cp.host_file(inst, "/etc/kubernetes//pki/etcd/ca.crt") == "/srv/etcd/pki/ca.crt" with input as pod
	cp.host_file(inst, "/certs/ca.crt") == "/opt/tls/etcd/ca.crt" with input as pod
	not cp.host_file(inst, "/secret/ca.crt") with input as pod
	not cp.host_file(inst, "/etc/ssl/ca.crt") with input as pod
	not cp.host_file(inst, "ca.crt") with input as pod
}

test_flag_text if {
	pod := _pod({}, [{"name": "etcd", "command": ["etcd", "--auto-tls"], "env": [{"name": "ETCD_CLIENT_CERT_AUTH", "value": "false"}]}])
	inst := _only(cp.etcds) with input as pod
	cp.flag_text(cp.flag(inst, "client-cert-auth")) == "ETCD_CLIENT_CERT_AUTH=false"
	cp.flag_text(cp.flag(inst, "auto-tls")) == "--auto-tls=true"
}
