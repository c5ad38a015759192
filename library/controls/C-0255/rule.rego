package kubescape.controls.C_0255

import data.kubescape.lib.workload

deny contains finding if {
	some src in _secret_sources
	mounts := _mounts(src.volume)
	count(mounts) > 0
	finding := {
		"msg": sprintf("Secret %s is mounted through volume %q into %s", [src.describe, src.volume, concat(", ", sort({m.describe | some m in mounts}))]),
		"failedPaths": [src.path],
		"reviewPaths": sort({m.path | some m in mounts}),
	}
}

# _secret_sources holds every Secret a pod volume exposes: {"volume", "describe", "path"}, path
# being the Secret's name field (or the source itself when it names none).
_secret_sources contains {"volume": name, "describe": _describe(s, "secretName"), "path": _name_path(s, "secretName", sprintf("%s.secret", [v.path]))} if {
	some v in workload.volumes
	name := v.volume.name
	is_string(name)
	s := v.volume.secret
	is_object(s)
	not _legacy_token_volume(name, s)
}

_secret_sources contains {"volume": name, "describe": _describe(s, "name"), "path": _name_path(s, "name", sprintf("%s.projected.sources[%d].secret", [v.path, j]))} if {
	some v in workload.volumes
	name := v.volume.name
	is_string(name)
	sources := v.volume.projected.sources
	is_array(sources)
	some j, source in sources
	s := source.secret
	is_object(s)
}

_describe(s, field) := sprintf("%q", [s[field]]) if is_string(s[field])

_describe(s, field) := "(unnamed)" if not is_string(object.get(s, field, null))

_name_path(s, field, base) := sprintf("%s.%s", [base, field]) if is_string(s[field])

_name_path(s, field, base) := base if not is_string(object.get(s, field, null))

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

# Before Kubernetes 1.22 the ServiceAccount admission plugin mounted the service account's token
# Secret into every pod as a volume named after the Secret (default-token-x7k2p): that is the
# service account token (C-0034), not an application Secret.
_legacy_token_volume(name, s) if {
	s.secretName == name
	regex.match(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?-token-[a-z0-9]{5}$`, name)
}
