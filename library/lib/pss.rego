# Package pss holds what the Pod Security Standards controls (PSS-B*, PSS-R*, PSS-NB, PSS-NR)
# share: the policy version a workload is judged at (its namespace's
# pod-security.kubernetes.io/enforce-version label, read the way PodSecurity admission reads it),
# the levels a Namespace claims, and the pod-or-container view of security settings the
# standard's checks use. Values are compared exactly as the API server's checks compare them
# (case-sensitive, no normalisation).
package kubescape.lib.pss

import data.kubescape.lib.k8s
import data.kubescape.lib.psa
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# latest_minor is the newest policy version the checks know (v1.37): "latest", a missing label,
# an invalid label and any newer version are all evaluated as this one.
latest_minor := 37

label_prefix := "pod-security.kubernetes.io/"

modes := ["enforce", "audit", "warn"]

# ---------------------------------------------------------------------------------------------
# Versions

# parse_minor(s) is N for a valid policy version "v1.N" (the pattern PodSecurity admission
# accepts: no leading zeros, no other major), undefined for anything else, "latest" included.
parse_minor(s) := to_number(substring(s, 3, -1)) if {
	is_string(s)
	regex.match(`^v1\.([0-9]|[1-9][0-9]*)$`, s)
}

# minor_of(s) is the minor version a label value selects: its N when valid, else latest_minor
# (PodSecurity admission evaluates "latest", and falls back to latest for invalid values).
minor_of(s) := m if {
	m := parse_minor(s)
} else := latest_minor

# version_text(s) describes a version label value in messages.
version_text(s) := s if parse_minor(s)

version_text(s) := sprintf("latest (v1.%d)", [latest_minor]) if s == "latest"

version_text(s) := sprintf("latest (v1.%d)", [latest_minor]) if s == null

version_text(s) := sprintf("latest (v1.%d; %q is not a valid version)", [latest_minor, s]) if {
	s != null
	s != "latest"
	not parse_minor(s)
}

# ---------------------------------------------------------------------------------------------
# The policy version a workload is judged at

# version_label is the enforce-version label value of the workload's namespace: null when unset,
# and when the Namespace is not in the input (as in most file scans) or its labels are not a map.
version_label := v if {
	v := k8s.related.namespace.labels["pod-security.kubernetes.io/enforce-version"]
} else := null

# minor is the minor version of the policy the workload is judged at: minor_of(version_label),
# written out because every PSS control asks for it on every workload.
minor := m if {
	m := parse_minor(version_label)
} else := latest_minor

# at_least(n) is true when the policy version is v1.n or newer: a rule added in v1.n applies.
at_least(n) if minor >= n

# version is the policy version for messages ("v1.30", "latest (v1.37)").
version := version_text(version_label)

# ---------------------------------------------------------------------------------------------
# Namespace levels (input is a Namespace)

# ns_input_labels are the labels of input, a Namespace ({} when missing or not an object).
ns_input_labels := l if {
	l := input.metadata.labels
	is_object(l)
} else := {}

# mode_info(labels, mode) describes one mode (enforce, audit, warn) of a label set as written:
# {"level", "set", "version"}; level is "" when unset (or not a string).
mode_info(labels, mode) := {
	"level": _string_or_empty(object.get(labels, concat("", [label_prefix, mode]), "")),
	"set": _string_or_empty(object.get(labels, concat("", [label_prefix, mode]), "")) != "",
	"version": object.get(labels, concat("", [label_prefix, mode, "-version"]), null),
}

_string_or_empty(x) := x if is_string(x)

_string_or_empty(x) := "" if not is_string(x)

# mode_text renders a mode for messages: `enforce=baseline@v1.30`, `warn unset`.
mode_text(labels, mode) := sprintf("%s=%s@%s", [mode, info.level, _short_version(info.version)]) if {
	info := mode_info(labels, mode)
	info.set
}

mode_text(labels, mode) := sprintf("%s unset", [mode]) if {
	info := mode_info(labels, mode)
	not info.set
}

_short_version(v) := v if is_string(v)

_short_version(v) := "latest" if not is_string(v)

# modes_text lists every mode of a label set for messages.
modes_text(labels) := concat(", ", [mode_text(labels, m) | some m in modes])

# weak_namespace_finding(required) is the finding of PSS-NB ("baseline") or PSS-NR
# ("restricted") for input, a Namespace that enforces a weaker level (the level as PodSecurity
# admission enforces it, from data.kubescape.lib.psa); undefined when the namespace passes.
weak_namespace_finding(required) := object.union(
	{"msg": sprintf("Namespace %q enforces Pod Security level %s, weaker than %q (labels: %s)%s", [
		k8s.name, psa.describe_level, required, modes_text(ns_input_labels), _system_note,
	])},
	_label_paths(required),
) if {
	input.kind == "Namespace"
	not psa.at_least(psa.namespace_level, required)
}

_system_note := ". It is a Kubernetes system namespace, whose components commonly need a weaker level: except it if that is intended" if {
	psa.is_system_namespace
} else := ""

_label_paths(required) := {"failedPaths": [psa.enforce_label_path], "fixPaths": [{"path": psa.enforce_label_path, "value": required}]} if {
	psa.has_label(ns_input_labels)
}

_label_paths(required) := {"fixPaths": [{"path": psa.enforce_label_path, "value": required}]} if {
	not psa.has_label(ns_input_labels)
}

# key_path renders a map key as a path element: ".name", or ["a.b/c"] for keys with dots,
# slashes and the like.
key_path(key) := sprintf(".%s", [key]) if regex.match(`^[A-Za-z0-9_-]+$`, key)

key_path(key) := sprintf("[%q]", [key]) if not regex.match(`^[A-Za-z0-9_-]+$`, key)

# ---------------------------------------------------------------------------------------------
# Pod and containers

# is_windows: spec.os.name is exactly "windows" (the exemption of R2, R5 and R6 from v1.25).
is_windows if workload.pod_spec.os.name == "windows"

# user_namespace: spec.hostUsers is false (the exemptions of B9, R3 and R4 from v1.35).
user_namespace if workload.pod_spec.hostUsers == false

# settings(field) holds the field at pod level and on every container that sets it, each as
# {"value", "path", "who"}, null values left out; for checks where each level is judged on its
# own. A container's field is read directly (a securityContext that is not an object has no
# fields, as in sc.container_sc).
settings(field) := {{"value": v, "path": pod_field_path(field), "who": "the pod"} |
	v := sc.pod_sc[field]
	v != null
} | {{"value": v, "path": field_path(c, field), "who": workload.name_of(c)} |
	some c in workload.containers
	v := c.container.securityContext[field]
	v != null
}

# field_path(c, field) is where a container's own securityContext field is (or would be).
field_path(c, field) := sprintf("%s.%s", [sc.container_sc_path(c), field])

# pod_field_path(field) is where the pod-level securityContext field is (or would be).
pod_field_path(field) := sprintf("%s.%s", [sc.pod_sc_path, field])

# sub(x, key) is x[key] when x is an object holding key, else null: safe on values of any type.
sub(x, key) := v if {
	is_object(x)
	v := x[key]
} else := null

# seccomp_types are the seccompProfile types the standard allows.
seccomp_types := {"RuntimeDefault", "Localhost"}

# invalid_seccomp holds the seccompProfile settings, at pod level and each container's own,
# whose type is not one of seccomp_types (Unconfined, a profile without a type or whose type is
# null, a profile that is not an object), as {"type", "path", "who"}: type as profile_type reads
# it, path the type's path. Unset and null profiles are not settings. PSS-B10 and PSS-R5 refuse
# these at the policy versions each applies at; the set is computed once for both, and is
# usually empty, so the lookups come first and the paths and names only for invalid settings.
invalid_seccomp contains {"type": profile_type(p), "path": pod_field_path("seccompProfile.type"), "who": "the pod"} if {
	p := sc.pod_sc.seccompProfile
	p != null
	not p.type == "RuntimeDefault" # not p.type in seccomp_types, which would fail when p has no type
	not p.type == "Localhost"
}

invalid_seccomp contains {"type": profile_type(p), "path": field_path(c, "seccompProfile.type"), "who": workload.name_of(c)} if {
	some c in workload.containers
	p := sc.container_sc(c).seccompProfile
	p != null
	not p.type == "RuntimeDefault" # not p.type in seccomp_types, which would fail when p has no type
	not p.type == "Localhost"
}

# profile_type(p) is the type of a seccompProfile / appArmorProfile object ("" when missing,
# as the API server sees it); non-string types count as invalid values.
profile_type(p) := t if {
	t := sub(p, "type")
	t != null
} else := ""

# pod_annotations are the annotations of the workload's pods.
pod_annotations := a if {
	a := workload.pod_meta.annotations
	is_object(a)
} else := {}

# annotation_path(key) is the path of a pod annotation.
annotation_path(key) := sprintf("%s.annotations%s", [workload.pod_meta_path, key_path(key)])

# shown renders a value for messages: strings quoted (so that a quoted "true" in a manifest
# reads as the string it is), anything else as JSON.
shown(v) := sprintf("%q", [v]) if is_string(v)

shown(v) := sprintf("%v", [v]) if not is_string(v)

# type_shown renders a profile type for messages; "" is a profile without a type.
type_shown("") := "nothing (the profile has no type)"

type_shown(t) := shown(t) if t != ""
