package kubescape.controls.C_0014

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.rbac
import data.kubescape.lib.workload

dashboard := "kubernetes-dashboard"

# Subjects: anybody but the dashboard's own service account holding the dashboard's binding or role.
deny contains finding if {
	rbac.is_subject
	not rbac.is_builtin_subject
	not own_account
	some i, b in input.bindings
	paths := dashboard_paths(i, b)
	count(paths) > 0
	finding := {
		"msg": sprintf("%s is granted the Kubernetes dashboard's permissions through %s", [
			rbac.subject_name, rbac.via({"binding": b, "role": b.role}),
		]),
		"failedPaths": paths,
	}
}

own_account if {
	input.kind == "ServiceAccount"
	input.metadata.name == dashboard
}

dashboard_paths(i, b) := [p |
	some key, p in {
		"name": sprintf("bindings[%d].name", [i]),
		"role": sprintf("bindings[%d].role.name", [i]),
	}
	_named(b, key)
]

_named(b, "name") if b.name == dashboard

_named(b, "role") if b.role.name == dashboard

# Workloads: something other than the dashboard running as its service account.
deny contains finding if {
	workload.is_workload
	some field in ["serviceAccountName", "serviceAccount"]
	workload.pod_spec[field] == dashboard # the rare case first
	account_field == field
	not is_dashboard
	path := sprintf("%s.%s", [workload.pod_spec_path, field])
	finding := {
		"msg": sprintf("%s runs as the Kubernetes dashboard's service account %q but is not the dashboard", [k8s.describe, dashboard]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# account_field is the field that names the service account: serviceAccountName, else the
# deprecated serviceAccount.
account_field := "serviceAccountName" if _set("serviceAccountName")
else := "serviceAccount"

_set(field) if {
	v := object.get(workload.pod_spec, field, "")
	is_string(v)
	v != ""
}

is_dashboard if contains(k8s.name, "dashboard")

is_dashboard if {
	some c in workload.regular_containers
	is_string(c.container.image)
	contains(image.parse(c.container.image).repository, "dashboard")
}
