package kubescape.controls.C_0190

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Same semantics as C-0034 (Automatic mapping of service account).

# A workload whose pod spec sets the field, to anything but false.
deny contains finding if {
	workload.is_workload
	is_object(workload.pod_spec)
	"automountServiceAccountToken" in object.keys(workload.pod_spec)
	workload.pod_spec.automountServiceAccountToken != false
	path := _pod_field
	finding := {
		"msg": sprintf("the pod spec of %s mounts the token of service account %q: it sets automountServiceAccountToken to %v", [k8s.describe, _account, workload.pod_spec.automountServiceAccountToken]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

# A workload that leaves the field unset, and whose service account does not turn it off.
deny contains finding if {
	workload.is_workload
	is_object(workload.pod_spec)
	not "automountServiceAccountToken" in object.keys(workload.pod_spec)
	not _account_disables
	finding := {
		"msg": sprintf("the pod spec of %s mounts the token of service account %q: neither the pod spec nor the service account sets automountServiceAccountToken: false", [k8s.describe, _account]),
		"fixPaths": [{"path": _pod_field, "value": "false"}],
	}
}

# A ServiceAccount that does not set the field to false.
deny contains finding if {
	input.kind == "ServiceAccount"
	not input.automountServiceAccountToken == false
	finding := object.union(
		{
			"msg": sprintf("%s does not set automountServiceAccountToken: false, so every pod running as it gets its token", [k8s.describe]),
			"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
		},
		_sa_failed,
	)
}

_sa_failed := {"failedPaths": ["automountServiceAccountToken"]} if {
	"automountServiceAccountToken" in object.keys(input)
} else := {}

_pod_field := sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path])

_account_disables if {
	sa := object.get(k8s.related, "serviceAccount", {})
	sa.found == true
	sa.automountServiceAccountToken == false
}

_account := n if {
	n := workload.pod_spec.serviceAccountName
	is_string(n)
	n != ""
} else := n if {
	n := workload.pod_spec.serviceAccount
	is_string(n)
	n != ""
} else := "default"
