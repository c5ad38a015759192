package kubescape.controls.C_0294

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

_cluster if data.kubescape.index.target == "cluster"

# In manifests, any use of the deprecated field is reported.
deny contains finding if {
	sa := _deprecated # rarely set: the cheap, selective test first
	not _cluster
	name := object.get(workload.pod_spec, "serviceAccountName", "")
	finding := {
		"msg": sprintf("%s sets the deprecated field serviceAccount (%q)%s", [k8s.describe, sa, _detail(sa, name)]),
		"failedPaths": [_path("serviceAccount")],
		"deletePaths": [_path("serviceAccount")],
		"fixPaths": _fix(sa, name),
	}
}

# The API server returns serviceAccount filled with serviceAccountName's value in every object
# it serves, so on a cluster the field only means something when the two disagree.
deny contains finding if {
	sa := _deprecated # rarely set: the cheap, selective test first
	_cluster
	name := object.get(workload.pod_spec, "serviceAccountName", "")
	is_string(name)
	name != ""
	name != sa
	finding := {
		"msg": sprintf("%s sets the deprecated field serviceAccount (%q)%s", [k8s.describe, sa, _detail(sa, name)]),
		"failedPaths": [_path("serviceAccount")],
		"deletePaths": [_path("serviceAccount")],
	}
}

_deprecated := sa if {
	sa := workload.pod_spec.serviceAccount
	is_string(sa)
	sa != ""
}

_path(field) := sprintf("%s.%s", [workload.pod_spec_path, field])

_detail(_, name) := "; use serviceAccountName instead" if not _set(name)

_detail(sa, name) := "; serviceAccountName is set to the same account, delete serviceAccount" if {
	_set(name)
	name == sa
}

_detail(sa, name) := sprintf("; serviceAccountName (%q) takes precedence, so serviceAccount is ignored and misleading", [name]) if {
	_set(name)
	name != sa
}

_set(name) if {
	is_string(name)
	name != ""
}

# Without serviceAccountName, the value moves there.
_fix(sa, name) := [{"path": _path("serviceAccountName"), "value": sa}] if not _set(name)

_fix(_, name) := [] if _set(name)
