package kubescape.controls.C_0048

import data.kubescape.lib.workload

deny contains finding if {
	some v in workload.volumes
	is_object(v.volume.hostPath)
	path := sprintf("%s.hostPath", [v.path])
	finding := {
		"msg": sprintf("volume %q mounts host path %v from the node", [object.get(v.volume, "name", ""), object.get(v.volume.hostPath, "path", "")]),
		"failedPaths": [path],
	}
}
