package kubescape.controls.C_0034

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Workloads whose pod spec does not set the field to false. One body for both cases (the field is
# set to another value, or unset): a hardened workload is ruled out by its first test.
deny contains finding if {
	workload.is_workload
	not workload.pod_spec.automountServiceAccountToken == false
	finding := workload_finding
}

# The pod spec sets the field, and not to false.
workload_finding := {
	"msg": sprintf("the pods of %s mount the token of service account %q (automountServiceAccountToken is not false)", [k8s.describe, sa_name]),
	"failedPaths": [path],
	"fixPaths": [{"path": path, "value": "false"}],
} if {
	workload.pod_spec.automountServiceAccountToken != false
	path := sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path])
}

# The pod spec leaves the field unset and the service account does not turn it off.
else := {
	"msg": sprintf("the pods of %s mount the token of service account %q: neither the pod spec nor the service account sets automountServiceAccountToken to false", [k8s.describe, sa_name]),
	"fixPaths": [{"path": sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path]), "value": "false"}],
} if {
	is_object(workload.pod_spec)
	not sa_disables
}

# ServiceAccounts that do not turn automounting off.
deny contains finding if {
	input.kind == "ServiceAccount"
	not input.automountServiceAccountToken == false
	finding := service_account_finding
}

# The ServiceAccount sets the field, and not to false.
service_account_finding := {
	"msg": sprintf("%s sets automountServiceAccountToken to a value other than false: pods using it get its token by default", [k8s.describe]),
	"failedPaths": ["automountServiceAccountToken"],
	"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
} if {
	input.automountServiceAccountToken != false
}

# The ServiceAccount leaves the field unset.
else := {
	"msg": sprintf("%s does not set automountServiceAccountToken: pods using it get its token by default", [k8s.describe]),
	"fixPaths": [{"path": "automountServiceAccountToken", "value": "false"}],
}

sa_disables if {
	sa := object.get(k8s.related, "serviceAccount", {})
	sa.found == true
	sa.automountServiceAccountToken == false
}

sa_name := n if {
	n := workload.pod_spec.serviceAccountName
	is_string(n)
	n != ""
} else := n if {
	n := workload.pod_spec.serviceAccount
	is_string(n)
	n != ""
} else := "default"
