# Package psa reads the Pod Security Admission (PSA) level a namespace enforces, from its
# pod-security.kubernetes.io/enforce label, and tells whether an external admission policy engine
# is installed (which the namespace-level PSA controls accept in place of the label).
#
# The effective enforce level follows the API server's PodSecurity admission:
#   - no label (or a label whose value is not a string, which kubectl refuses): "privileged",
#     the built-in default. A cluster-wide default set in the API server's AdmissionConfiguration
#     cannot be seen from Kubernetes objects and is not taken into account;
#   - "privileged", "baseline" or "restricted" (exact, lower case): that level;
#   - any other string: "restricted", as PodSecurity admission enforces for a label it cannot
#     parse (the API server also refuses to set such a label on a namespace it admits).
package kubescape.lib.psa

import data.kubescape.lib.k8s

enforce_label := "pod-security.kubernetes.io/enforce"

# enforce_label_path is the path of the enforce label in a Namespace, for findings.
enforce_label_path := `metadata.labels["pod-security.kubernetes.io/enforce"]`

# levels orders the Pod Security Standards from the most permissive.
levels := {"privileged": 0, "baseline": 1, "restricted": 2}

# system_namespaces are the namespaces Kubernetes creates for itself; their components commonly
# need to run privileged.
system_namespaces := {"kube-system", "kube-public", "kube-node-lease"}

# label_value is the enforce label as written in labels (an object of labels); undefined when the
# label is absent or not a string.
label_value(labels) := v if {
	is_object(labels)
	v := labels[enforce_label]
	is_string(v)
}

has_label(labels) if label_value(labels)

# level_of is the level PodSecurity admission enforces for a namespace with these labels.
level_of(labels) := "privileged" if not has_label(labels)

level_of(labels) := v if {
	v := label_value(labels)
	levels[v]
}

level_of(labels) := "restricted" if {
	v := label_value(labels)
	not levels[v]
}

# at_least is true when level is want or stricter.
at_least(level, want) if levels[level] >= levels[want]

# namespace_level is the enforce level of input, a Namespace.
namespace_level := level_of(k8s.labels)

# is_system_namespace is true when input is one of Kubernetes' own namespaces.
is_system_namespace if k8s.name in system_namespaces

# --- External policy engines ---------------------------------------------------------------------
# An admission webhook configuration counts as a policy engine when its name, one of its webhooks'
# names, or the name or namespace of the Service a webhook calls mentions one of:
#   kyverno, gatekeeper (OPA Gatekeeper), kubewarden, jspolicy, polaris (Fairwinds Polaris),
#   datree, openpolicyagent (OPA kube-mgmt);
# or holds "opa" as a whole word ("opa", "opa-webhook", "webhook.opa.svc", not "opaque").
# Webhook URLs are matched the same way (a policy engine running outside the cluster).
engine_names := ["kyverno", "gatekeeper", "kubewarden", "jspolicy", "polaris", "datree", "openpolicyagent"]

_engine_words := {"opa"}

# external_engines lists the webhook configurations recognised as policy engines, described for
# messages: `ValidatingWebhookConfiguration "gatekeeper-validating-webhook-configuration"`.
external_engines contains sprintf("%s %q", [cfg.kind, cfg.name]) if {
	some cfg in _webhook_configs
	some text in _texts(cfg)
	_mentions_engine(text)
}

# external_engine_present is true when at least one policy engine webhook is installed.
external_engine_present if count(external_engines) > 0

# external_engine_list describes the engines found, sorted, for messages.
external_engine_list := concat(", ", sort([e | some e in external_engines]))

_webhook_configs contains cfg if {
	ws := data.kubescape.index.webhooks
	is_array(ws)
	some cfg in ws
	is_object(cfg)
}

_texts(cfg) := {lower(t) |
	some t in array.concat([object.get(cfg, "name", "")], [v |
		hooks := object.get(cfg, "webhooks", [])
		is_array(hooks)
		some h in hooks
		is_object(h)
		some key in ["name", "service", "serviceNamespace", "url"]
		v := object.get(h, key, "")
	])
	is_string(t)
	t != ""
}

_mentions_engine(text) if {
	some e in engine_names
	contains(text, e)
}

_mentions_engine(text) if {
	some w in regex.split(`[^a-z0-9]+`, text)
	w in _engine_words
}

# --- Findings for the namespace-level controls ---------------------------------------------------

# describe_level explains the namespace's level in messages:
# `"privileged" (no pod-security.kubernetes.io/enforce label)`.
describe_level := sprintf("%q (no %s label)", [namespace_level, enforce_label]) if not has_label(k8s.labels)

describe_level := sprintf("%q", [namespace_level]) if {
	has_label(k8s.labels)
	levels[label_value(k8s.labels)]
}

describe_level := sprintf("%q (the label value %q is invalid, which PodSecurity admission reads as restricted)", [namespace_level, label_value(k8s.labels)]) if {
	has_label(k8s.labels)
	not levels[label_value(k8s.labels)]
}

_system_note := " It is a Kubernetes system namespace, whose components commonly run privileged: except it if that is intended." if is_system_namespace

_system_note := "" if not is_system_namespace

# weak_namespace_finding is the finding of a namespace-level control for input, a Namespace,
# when it enforces less than required ("baseline" or "restricted") and no external policy engine
# is installed; risk says what the namespace then admits ("privileged containers"). Undefined
# when the namespace passes.
weak_namespace_finding(required, risk) := finding if {
	input.kind == "Namespace"
	not at_least(namespace_level, required)
	not external_engine_present
	finding := object.union(
		{"msg": sprintf("Namespace %q enforces Pod Security level %s, so it admits %s: level %s is required.%s", [
			k8s.name, describe_level, risk, _required_words[required], _system_note,
		])},
		_label_paths(required),
	)
}

_required_words := {"baseline": `"baseline" or "restricted"`, "restricted": `"restricted"`}

_label_paths(required) := {"failedPaths": [enforce_label_path], "fixPaths": [{"path": enforce_label_path, "value": required}]} if {
	has_label(k8s.labels)
}

_label_paths(required) := {"fixPaths": [{"path": enforce_label_path, "value": required}]} if {
	not has_label(k8s.labels)
}
