package kubescape.controls.C_0301

import data.kubescape.lib.k8s

# Managed by the controller (the default), with no policy of the template's own.
deny contains finding if {
	not unmanaged
	not is_object(object.get(input, ["spec", "networkPolicy"], null))
	finding := {
		"msg": sprintf("%s declares no spec.networkPolicy: the controller's default policy lets its sandboxes reach the whole public internet", [k8s.describe]),
		"fixPaths": [{"path": "spec.networkPolicy.egress", "value": "YOUR_VALUE"}],
	}
}

# Networking left to something else.
deny contains finding if {
	unmanaged
	finding := {
		"msg": sprintf("%s sets networkPolicyManagement to Unmanaged: no egress policy comes with the template; check that another policy restricts its sandboxes' egress", [k8s.describe]),
		"reviewPaths": ["spec.networkPolicyManagement"],
	}
}

# An egress rule that allows everything.
deny contains finding if {
	not unmanaged
	egress := input.spec.networkPolicy.egress
	is_array(egress)
	some i, rule in egress
	open_rule(rule)
	finding := {
		"msg": sprintf("%s: spec.networkPolicy.egress[%d] allows every destination on every port", [k8s.describe, i]),
		"failedPaths": [sprintf("spec.networkPolicy.egress[%d]", [i])],
	}
}

unmanaged if lower(object.get(input, ["spec", "networkPolicyManagement"], "")) == "unmanaged"

# open_rule: no port limit, and no destination limit (no peers, or a peer that is every address).
open_rule(rule) if {
	is_object(rule)
	empty(object.get(rule, "ports", []))
	empty(object.get(rule, "to", []))
}

open_rule(rule) if {
	is_object(rule)
	empty(object.get(rule, "ports", []))
	some peer in rule.to
	is_object(peer)
	object.get(peer, ["ipBlock", "cidr"], "") in {"0.0.0.0/0", "::/0"}
}

empty(x) if x == null

empty(x) if {
	is_array(x)
	count(x) == 0
}
