package kubescape.controls.C_0049

import data.kubescape.lib.k8s

# The index counts, per Namespace, the NetworkPolicies and CiliumNetworkPolicies in it plus the
# CiliumClusterwideNetworkPolicies (which apply everywhere).
deny contains finding if {
	input.kind == "Namespace"
	not has_policies
	finding := {
		"msg": sprintf("Namespace %q has no NetworkPolicy: its pods accept traffic from, and send it to, any pod of the cluster", [k8s.name]),
		"reviewPaths": ["metadata.name"],
	}
}

has_policies if {
	n := object.get(k8s.related, "networkPolicies", 0)
	is_number(n)
	n > 0
}
