package kubescape.controls.C_0045

import data.kubescape.lib.workload

deny contains finding if {
	some v in _host_path_volumes # usually none: then no container is looked at
	some c in workload.containers
	some j, mount in c.container.volumeMounts
	v.name == mount.name
	host_path := object.get(v.hostPath, "path", "")
	not mount.readOnly == true
	path := sprintf("%s.volumeMounts[%d]", [c.path, j])
	finding := {
		"msg": sprintf("%s mounts hostPath volume %q (host path %v) writable at %v", [workload.name_of(c), mount.name, host_path, object.get(mount, "mountPath", "")]),
		"failedPaths": [path],
		"fixPaths": [{"path": sprintf("%s.readOnly", [path]), "value": "true"}],
	}
}

# A set rather than a name-to-path map: duplicate volume names (invalid, but possible in a
# file) must not make the rule fail with a conflict.
_host_path_volumes contains v if {
	some v in workload.pod_spec.volumes
	is_object(v.hostPath)
	is_string(v.name)
}
