package kubescape.controls.C_0301_test

import data.kubescape.controls.C_0301

tpl(spec) := {"apiVersion": "extensions.agents.x-k8s.io/v1alpha1", "kind": "SandboxTemplate", "metadata": {"name": "t"}, "spec": spec}

findings(spec) := f if {
	f := C_0301.deny with input as tpl(spec)
}

test_wrong_types_never_error if {
	count(findings({"networkPolicy": {"egress": [{"to": "everyone"}]}})) == 0
	count(findings({"networkPolicy": {"egress": "all"}})) == 0
	count(findings({"networkPolicy": {"egress": [{"to": [{"ipBlock": "0.0.0.0/0"}]}]}})) == 0
	count(findings({"networkPolicyManagement": 3, "networkPolicy": {}})) == 0
}

test_policy_not_object if count(findings({"networkPolicy": "strict"})) == 1

test_ipv6_all if count(findings({"networkPolicy": {"egress": [{"to": [{"ipBlock": {"cidr": "::/0"}}]}]}})) == 1

test_all_with_ports if count(findings({"networkPolicy": {"egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 443}]}]}})) == 0

test_empty_to_and_ports_lists if count(findings({"networkPolicy": {"egress": [{"to": [], "ports": []}]}})) == 1

test_unmanaged_case if count(findings({"networkPolicyManagement": "unmanaged"})) == 1
