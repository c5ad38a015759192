package kubescape.controls.C_0017

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	csc := sc.container_sc(c)
	not csc.readOnlyRootFilesystem == true
	path := sprintf("%s.readOnlyRootFilesystem", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s has a writable root filesystem (readOnlyRootFilesystem is not true)", [workload.name_of(c)]),
		# The field is in the failed paths only when it is present (false, or a wrong type).
		"failedPaths": [path | csc.readOnlyRootFilesystem != null],
		"fixPaths": [{"path": path, "value": "true"}],
	}
}
