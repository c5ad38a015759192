package kubescape.controls.C_0017

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not _read_only(c)
	path := sprintf("%s.readOnlyRootFilesystem", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s has a writable root filesystem (readOnlyRootFilesystem is not true)", [workload.name_of(c)]),
		"failedPaths": _set_paths(c, path),
		"fixPaths": [{"path": path, "value": "true"}],
	}
}

_read_only(c) if sc.container_sc(c).readOnlyRootFilesystem == true

_set_paths(c, path) := [path] if {
	v := sc.container_sc(c).readOnlyRootFilesystem
	v != null
} else := []
