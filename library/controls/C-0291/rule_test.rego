package kubescape.controls.C_0291_test

import data.kubescape.controls.C_0291 as rule

_cm(entries) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kp", "namespace": "kube-system"}, "data": entries}

_pod(container) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kp", "namespace": "kube-system"}, "spec": {"containers": [container]}}

test_multi_document_value if {
	value := "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmetricsBindAddress: 10.0.0.5:10249\n"
	findings := rule.deny with input as _cm({"kubeadm.yaml": value})
	[f.failedPaths | some f in findings] == [["data[\"kubeadm.yaml\"]"]]
}

test_odd_values_are_ignored if {
	count(rule.deny) == 0 with input as _cm({"a": "kind: KubeProxyConfiguration\nmetricsBindAddress: [", "b": "kind: KubeProxyConfiguration\nmetricsBindAddress: 10249", "c": 5})
	count(rule.deny) == 0 with input as _cm("KubeProxyConfiguration")
	count(rule.deny) == 0 with input as _cm({"config": "{\"kind\": \"KubeProxyConfiguration\", \"metricsBindAddress\": \"127.0.0.1:10249\"}"})
}

test_json_value if {
	count(rule.deny) == 1 with input as _cm({"config": "{\"kind\": \"KubeProxyConfiguration\", \"metricsBindAddress\": \":10249\"}"})
}

test_entrypoint_args_and_underscores if {
	pod := _pod({"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy-amd64:v1.20.0", "args": ["--metrics_bind_address=0.0.0.0:10249"]})
	[f.fixPaths | some f in rule.deny] == [[{"path": "spec.containers[0].args[0]", "value": "--metrics-bind-address=127.0.0.1:10249"}]] with input as pod
}

test_not_kube_proxy if {
	pod := _pod({"name": "exporter", "image": "prom/node-exporter:v1.8.1", "args": ["--metrics-bind-address=0.0.0.0:9100"]})
	count(rule.deny) == 0 with input as pod
	cfg := _pod({"name": "kube-proxy", "command": ["kube-proxy", "--metrics-bind-address", "0.0.0.0:10249", "--config", "/etc/kp.yaml"]})
	count(rule.deny) == 0 with input as cfg
	off := _pod({"name": "kube-proxy", "command": ["kube-proxy", "--metrics-bind-address="]})
	count(rule.deny) == 0 with input as off
}

test_entrypoint_shell_args if {
	pod := _pod({"name": "kube-proxy", "image": "registry.k8s.io/kube-proxy:v1.30.0", "args": ["sh", "-c", "exec kube-proxy --metrics-bind-address=0.0.0.0:10249"]})
	[f.failedPaths | some f in rule.deny] == [["spec.containers[0].args[2]"]] with input as pod
}
