package kubescape.controls.C_0189

import data.kubescape.lib.k8s

# The name first: it rules out almost every object.
is_default if {
	k8s.name == "default"
	input.kind == "ServiceAccount"
	k8s.group == ""
}

automount_disabled if input.automountServiceAccountToken == false

deny contains finding if {
	is_default
	not automount_disabled
	finding := object.union(
		{"msg": sprintf("%s does not set automountServiceAccountToken: false, so every pod that names no service account gets an API token mounted unless it opts out%s", [sa, users])},
		automount_paths,
	)
}

automount_paths := {
	"failedPaths": ["automountServiceAccountToken"],
	"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
} if "automountServiceAccountToken" in object.keys(input)

automount_paths := {"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}]} if {
	not "automountServiceAccountToken" in object.keys(input)
}

# One finding per binding naming the default ServiceAccount.
deny contains finding if {
	is_default
	some b in bindings
	not builtin_binding(b)
	finding := {
		"msg": sprintf("%s is bound to %s by %s%s: every pod that names no service account holds its permissions", [
			sa, role_of(b), binding_of(b), at(b),
		]),
		"reviewPaths": ["metadata.name"],
	}
}

sa := sprintf("ServiceAccount \"default\" in namespace %q", [k8s.namespace]) if k8s.namespace != ""

sa := "ServiceAccount \"default\"" if k8s.namespace == ""

bindings := bs if {
	bs := object.get(k8s.related, "bindings", [])
	is_array(bs)
}

# Kubernetes' own: a "system:" binding granting a "system:" ClusterRole (names reserved for its
# components).
builtin_binding(b) if {
	startswith(object.get(b, "name", ""), "system:")
	object.get(b, ["role", "kind"], "") == "ClusterRole"
	startswith(object.get(b, ["role", "name"], ""), "system:")
}

role_of(b) := sprintf("%s %q", [object.get(b, ["role", "kind"], "role"), object.get(b, ["role", "name"], "")])

binding_of(b) := sprintf("%s \"%s/%s\"", [b.kind, b.namespace, b.name]) if object.get(b, "namespace", "") != ""

binding_of(b) := sprintf("%s %q", [object.get(b, "kind", "binding"), object.get(b, "name", "")]) if object.get(b, "namespace", "") == ""

at(b) := sprintf(" (%s)", [b.source]) if object.get(b, "source", "") != ""

at(b) := "" if object.get(b, "source", "") == ""

# users names the workloads of the input that run as the ServiceAccount.
users := sprintf(" (%d workload(s) of the input run as it: %s)", [count(ws), concat(", ", names)]) if {
	ws := object.get(k8s.related, "workloads", [])
	is_array(ws)
	count(ws) > 0
	names := [sprintf("%s %q", [object.get(w, "kind", ""), object.get(w, "name", "")]) | some i, w in ws; i < 5]
}

users := "" if {
	ws := object.get(k8s.related, "workloads", [])
	not _non_empty(ws)
}

_non_empty(ws) if {
	is_array(ws)
	count(ws) > 0
}
