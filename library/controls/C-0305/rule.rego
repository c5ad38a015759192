package kubescape.controls.C_0305

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	input.kind == "Deployment"
	input.spec.strategy.type == "Recreate"
	not _single_writer
	path := "spec.strategy.type"
	finding := {
		"msg": sprintf("%s uses the Recreate strategy: every update stops all its pods before starting new ones, an outage on each rollout", [k8s.describe]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "RollingUpdate"}],
	}
}

# A single-replica Deployment that mounts a PersistentVolumeClaim is the documented case for
# Recreate: with a ReadWriteOnce volume, the new pod of a rolling update cannot start while the
# old one holds the volume.
_single_writer if {
	_at_most_one
	some v in workload.volumes
	is_object(v.volume.persistentVolumeClaim)
}

_at_most_one if {
	r := workload.replicas
	is_number(r)
	r <= 1
}
