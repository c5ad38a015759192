package kubescape.controls.C_0258

import data.kubescape.lib.workload

deny contains finding if {
	some src in _configmap_sources
	not src.name in _public_bundles
	mounts := _mounts(src.volume)
	count(mounts) > 0
	finding := {
		"msg": sprintf("ConfigMap %s is mounted through volume %q into %s", [_describe(src.name), src.volume, concat(", ", sort({m.describe | some m in mounts}))]),
		"failedPaths": [src.path],
		"reviewPaths": sort({m.path | some m in mounts}),
	}
}

# CA bundles published in every namespace and injected into every pod's service account volume.
_public_bundles := {"kube-root-ca.crt", "openshift-service-ca.crt"}

# _configmap_sources holds every ConfigMap a pod volume exposes: {"volume", "name", "path"},
# path being the ConfigMap's name field (or the source itself when it names none).
_configmap_sources contains {"volume": name, "name": object.get(s, "name", null), "path": _name_path(s, sprintf("%s.configMap", [v.path]))} if {
	some v in workload.volumes
	name := v.volume.name
	is_string(name)
	s := v.volume.configMap
	is_object(s)
}

_configmap_sources contains {"volume": name, "name": object.get(s, "name", null), "path": _name_path(s, sprintf("%s.projected.sources[%d].configMap", [v.path, j]))} if {
	some v in workload.volumes
	name := v.volume.name
	is_string(name)
	sources := v.volume.projected.sources
	is_array(sources)
	some j, source in sources
	s := source.configMap
	is_object(s)
}

_describe(name) := sprintf("%q", [name]) if is_string(name)

_describe(name) := "(unnamed)" if not is_string(name)

_name_path(s, base) := sprintf("%s.name", [base]) if is_string(s.name)

_name_path(s, base) := base if not is_string(object.get(s, "name", null))

# _mounts lists the containers mounting a volume, as {"describe", "path"}.
_mounts(volume) := {{"describe": sprintf("%s at %s", [workload.name_of(c), _mount_path(m)]), "path": sprintf("%s.volumeMounts[%d]", [c.path, k])} |
	some c in workload.containers
	vms := c.container.volumeMounts
	is_array(vms)
	some k, m in vms
	m.name == volume
}

_mount_path(m) := m.mountPath if is_string(m.mountPath)

_mount_path(m) := "(no mountPath)" if not is_string(object.get(m, "mountPath", null))
