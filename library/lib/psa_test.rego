package kubescape.lib.psa_test

import data.kubescape.lib.psa

ns(labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": labels}}

test_level_of if {
	psa.level_of({}) == "privileged"
	psa.level_of(null) == "privileged"
	psa.level_of({"app": "x"}) == "privileged"
	psa.level_of({"pod-security.kubernetes.io/enforce": "privileged"}) == "privileged"
	psa.level_of({"pod-security.kubernetes.io/enforce": "baseline"}) == "baseline"
	psa.level_of({"pod-security.kubernetes.io/enforce": "restricted"}) == "restricted"

	# An unparsable level is enforced as restricted by PodSecurity admission.
	psa.level_of({"pod-security.kubernetes.io/enforce": "Baseline"}) == "restricted"

	# A value that is no string is no label at all.
	psa.level_of({"pod-security.kubernetes.io/enforce": true}) == "privileged"

	# Only the enforce mode counts.
	psa.level_of({"pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted"}) == "privileged"
}

test_at_least if {
	psa.at_least("restricted", "baseline")
	psa.at_least("baseline", "baseline")
	not psa.at_least("baseline", "restricted")
	not psa.at_least("privileged", "baseline")
}

test_namespace_level if {
	psa.namespace_level == "baseline" with input as ns({"pod-security.kubernetes.io/enforce": "baseline"})
	psa.namespace_level == "privileged" with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}}
	psa.namespace_level == "privileged" with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x", "labels": null}}
}

hooks(kind, name, list) := [{"kind": kind, "name": name, "webhooks": list}]

test_engines if {
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "kyverno-resource-validating-webhook-cfg", [])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "custom", [{"name": "validation.gatekeeper.sh", "service": "", "serviceNamespace": "", "url": ""}])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "custom", [{"name": "x.example.com", "service": "policy", "serviceNamespace": "kubewarden", "url": ""}])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "opa-validating-webhook", [])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "x", [{"name": "validating-webhook.openpolicyagent.org"}])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("MutatingWebhookConfiguration", "x", [{"name": "a", "url": "https://opa.policy.example.com/v1/admit"}])
	psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "Polaris-Webhook", [])
}

test_no_engines if {
	not psa.external_engine_present with data.kubescape.index.webhooks as []
	not psa.external_engine_present with data.kubescape.index.webhooks as hooks("MutatingWebhookConfiguration", "istio-sidecar-injector", [{"name": "sidecar-injector.istio.io", "service": "istiod", "serviceNamespace": "istio-system"}])

	# "opa" only as a whole word.
	not psa.external_engine_present with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "opaque-secrets-checker", [{"name": "cooperative.example.com"}])

	# Odd shapes do not break the rule.
	not psa.external_engine_present with data.kubescape.index.webhooks as [{"kind": "ValidatingWebhookConfiguration", "name": 3, "webhooks": "none"}, "junk"]
}

test_weak_namespace_finding if {
	f := psa.weak_namespace_finding("baseline", "privileged containers") with input as ns({})
		with data.kubescape.index.webhooks as []
	f.fixPaths == [{"path": `metadata.labels["pod-security.kubernetes.io/enforce"]`, "value": "baseline"}]
	not f.failedPaths

	g := psa.weak_namespace_finding("restricted", "root containers") with input as ns({"pod-security.kubernetes.io/enforce": "baseline"})
		with data.kubescape.index.webhooks as []
	g.failedPaths == [`metadata.labels["pod-security.kubernetes.io/enforce"]`]
	g.fixPaths[0].value == "restricted"
	contains(g.msg, `"baseline"`)
}

test_weak_namespace_passes if {
	not psa.weak_namespace_finding("baseline", "x") with input as ns({"pod-security.kubernetes.io/enforce": "restricted"})
		with data.kubescape.index.webhooks as []
	not psa.weak_namespace_finding("restricted", "x") with input as ns({"pod-security.kubernetes.io/enforce": "restricted"})
		with data.kubescape.index.webhooks as []
	not psa.weak_namespace_finding("baseline", "x") with input as ns({})
		with data.kubescape.index.webhooks as hooks("ValidatingWebhookConfiguration", "gatekeeper-validating-webhook-configuration", [])
}

test_system_namespace_note if {
	f := psa.weak_namespace_finding("baseline", "privileged containers") with input as {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system"}}
		with data.kubescape.index.webhooks as []
	contains(f.msg, "system namespace")
}
