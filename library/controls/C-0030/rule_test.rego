package kubescape.controls.C_0030_test

import data.kubescape.controls.C_0030

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns", "labels": {"app": "p"}}, "spec": {"containers": [{"name": "c"}]}}

id := "/v1/ns/Pod/p"

pol(name, ingress, egress, in_all, eg_all) := {
	"kind": "NetworkPolicy", "name": name, "namespace": "ns",
	"ingress": ingress, "egress": egress, "ingressAllowsAll": in_all, "egressAllowsAll": eg_all,
}

dirs(policies) := {d |
	some f in C_0030.deny with input as pod with data.kubescape.index.related as {id: {"networkPolicies": policies}}
	some d in ["Ingress", "Egress"]
	startswith(f.msg, d)
}

test_no_policies if dirs([]) == {"Ingress", "Egress"}

test_deny_all if dirs([pol("deny", true, true, false, false)]) == set()

test_ingress_only if dirs([pol("deny", true, false, false, false)]) == {"Egress"}

test_split_policies if dirs([pol("in", true, false, false, false), pol("out", false, true, false, false)]) == set()

# Policies add up: one that allows all ingress opens it whatever the others say.
test_allow_all_wins if dirs([pol("deny", true, true, false, false), pol("open", true, false, true, false)]) == {"Ingress"}

test_relation_missing if dirs([]) == {"Ingress", "Egress"} with data.kubescape.index.related as {}
