package kubescape.controls.C_0239

import data.kubescape.lib.k8s
import data.kubescape.lib.rbac

# The default ServiceAccount mounts its token unless it turns automounting off.
deny contains finding if {
	is_default_account
	not "automountServiceAccountToken" in object.keys(input)
	finding := {
		"msg": sprintf("%s does not set automountServiceAccountToken: false: every pod that names no service account gets its token", [k8s.describe]),
		"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
	}
}

deny contains finding if {
	is_default_account
	"automountServiceAccountToken" in object.keys(input)
	input.automountServiceAccountToken != false
	finding := {
		"msg": sprintf("%s sets automountServiceAccountToken to %v: every pod that names no service account gets its token", [k8s.describe, input.automountServiceAccountToken]),
		"failedPaths": ["automountServiceAccountToken"],
		"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
	}
}

# Each binding that names it, but Kubernetes' own.
deny contains finding if {
	is_default_account
	some b in bindings
	not rbac.is_builtin_binding(namespace, b)
	finding := {"msg": sprintf("%s is bound through %s%s: every pod that names no service account holds that role", [
		k8s.describe, rbac.via({"binding": b, "role": b.role}), where(b),
	])}
}

# The name first: it rules out almost every object.
is_default_account if {
	k8s.name == "default"
	input.apiVersion == "v1"
	input.kind == "ServiceAccount"
}

namespace := k8s.namespace if k8s.namespace != ""

namespace := "default" if k8s.namespace == ""

bindings := b if {
	b := object.get(k8s.related, "bindings", [])
	is_array(b)
}

where(b) := sprintf(" (%s)", [b.source]) if _has_source(b)

where(b) := "" if not _has_source(b)

_has_source(b) if {
	is_string(b.source)
	b.source != ""
}
