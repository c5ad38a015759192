# PSS-B5 HostPath Volumes (baseline, every version): no spec.volumes[*].hostPath.
package kubescape.controls.PSS_B5

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	some v in workload.volumes
	hp := v.volume.hostPath
	hp != null
	path := sprintf("%s.hostPath", [v.path])
	finding := {
		"msg": sprintf("volume %v mounts the host path %v", [_name(v), _host_path(hp)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

_name(v) := sprintf("%q", [v.volume.name]) if is_string(v.volume.name)

_name(v) := sprintf("#%d", [v.index]) if not is_string(object.get(v.volume, "name", null))

_host_path(hp) := sprintf("%q", [p]) if {
	p := pss.sub(hp, "path")
	is_string(p)
} else := "(no path given)"
