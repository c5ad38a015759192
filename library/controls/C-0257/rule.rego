package kubescape.controls.C_0257

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	some v in workload.volumes
	pvc := v.volume.persistentVolumeClaim
	is_object(pvc)
	claim := object.get(pvc, "claimName", "?")
	finding := {
		"msg": sprintf("%s mounts PersistentVolumeClaim %q as volume %q%s", [k8s.describe, claim, object.get(v.volume, "name", "?"), mounted_by(object.get(v.volume, "name", ""))]),
		"reviewPaths": [sprintf("%s.persistentVolumeClaim.claimName", [v.path])],
	}
}

deny contains finding if {
	input.kind == "StatefulSet"
	some i, t in input.spec.volumeClaimTemplates
	is_object(t)
	name := object.get(t, ["metadata", "name"], "?")
	finding := {
		"msg": sprintf("%s gives each pod a PersistentVolumeClaim from volumeClaimTemplate %q%s", [k8s.describe, name, mounted_by(name)]),
		"reviewPaths": [sprintf("spec.volumeClaimTemplates[%d]", [i])],
	}
}

# mounted_by names the containers that mount a volume (read-write or read-only).
mounted_by(vol) := "" if {
	mounts := mounts_of(vol)
	count(mounts) == 0
} else := sprintf(", mounted by %s", [concat(", ", sort(mounts_of(vol)))])

mounts_of(vol) := {m |
	some c in workload.containers
	some vm in c.container.volumeMounts
	vm.name == vol
	m := sprintf("%s%s", [workload.name_of(c), read_only(vm)])
}

read_only(vm) := " (read-only)" if vm.readOnly == true

read_only(vm) := "" if not vm.readOnly == true
