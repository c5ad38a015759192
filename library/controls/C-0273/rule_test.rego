package kubescape.controls.C_0273_test

import data.kubescape.controls.C_0273

node(v) := {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}, "status": {"nodeInfo": {"kubeletVersion": v}}}

test_default_minors if {
	count(C_0273.deny) == 1 with input as node("v1.34.9") with data.kubescape.inputs as {}
	count(C_0273.deny) == 0 with input as node("v1.35.0") with data.kubescape.inputs as {}
	count(C_0273.deny) == 1 with input as node("v0.99.0") with data.kubescape.inputs as {}
}

test_empty_or_unreadable_input_uses_defaults if {
	count(C_0273.deny) == 1 with input as node("v1.34.0") with data.kubescape.inputs as {"supportedKubernetesMinors": []}
	count(C_0273.deny) == 1 with input as node("v1.34.0") with data.kubescape.inputs as {"supportedKubernetesMinors": ["latest", 7]}
}

test_input_overrides if {
	count(C_0273.deny) == 0 with input as node("v1.9.0") with data.kubescape.inputs as {"supportedKubernetesMinors": ["1.10", "1.9"]}
	count(C_0273.deny) == 1 with input as node("v1.9.0") with data.kubescape.inputs as {"supportedKubernetesMinors": ["1.10", "1.11"]}
}

test_odd_versions if {
	count(C_0273.deny) == 0 with input as node(129) with data.kubescape.inputs as {}
	count(C_0273.deny) == 0 with input as {"kind": "Node", "metadata": {"name": "n"}} with data.kubescape.inputs as {}
}
