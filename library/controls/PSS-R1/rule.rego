# PSS-R1 Volume Types (restricted, every version): every volume must use one of the volume
# sources configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
# projected or secret. A volume that names one of these is accepted whatever else it holds (the
# API server's own check works that way; the API rejects volumes with two sources anyway). A
# volume with no source at all is not flagged: the API server defaults it to emptyDir.
package kubescape.controls.PSS_R1

import data.kubescape.lib.workload

allowed := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
	"persistentVolumeClaim", "projected", "secret",
}

# _has_allowed: one of the volume's own keys (usually two: name and the source) is an allowed
# source that is not null.
_has_allowed(v) if {
	some key, x in v
	key in allowed
	x != null
}

_sources(v) := sort([key | some key, x in v; key != "name"; x != null])

deny contains finding if {
	some vol in workload.volumes
	not _has_allowed(vol.volume)
	sources := _sources(vol.volume)
	count(sources) > 0
	path := sprintf("%s.%s", [vol.path, sources[0]])
	finding := {
		"msg": sprintf("volume %s uses the %s volume type: the restricted policy only allows configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret", [_name(vol), sources[0]]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

_name(v) := sprintf("%q", [v.volume.name]) if is_string(v.volume.name)

_name(v) := sprintf("#%d", [v.index]) if not is_string(object.get(v.volume, "name", null))
