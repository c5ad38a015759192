package kubescape.controls.C_0234

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Secret uses first: a workload without any passes without its volumes being searched for a
# Secrets Store CSI volume.
deny contains finding if {
	workload.is_workload
	uses := _secret_uses
	count(uses) > 0
	not _mounts_secrets_store
	finding := {
		"msg": sprintf("the pod spec of %s reads Kubernetes Secrets (%s) and mounts no Secrets Store CSI volume", [k8s.describe, concat("; ", [u.describe | some u in uses])]),
		"failedPaths": [u.path | some u in uses],
	}
}

_csi_drivers := {"secrets-store.csi.k8s.io", "secrets-store-gke.csi.k8s.io"}

_mounts_secrets_store if {
	some v in workload.volumes
	v.volume.csi.driver in _csi_drivers
}

# _secret_uses lists the pod spec's references to Secrets, volumes first, as {"describe", "path"}.
_secret_uses := array.concat(_volume_uses, _env_uses)

# _volume_uses lists, volume by volume, the Secrets read through each volume's secret source,
# then through its projected sources. Only volumes with such a source are looked into.
_volume_uses := [u |
	vols := workload.pod_spec.volumes
	is_array(vols)
	some i, vol in vols
	some source in ["secret", "projected"]
	is_object(vol[source])
	some u in _volume_use(vol, source, sprintf("%s.volumes[%d]", [workload.pod_spec_path, i]))
]

# _volume_use lists the Secrets one volume reads through its source of the given type.
_volume_use(vol, "secret", path) := [{"describe": sprintf("Secret %s through volume %q", [_name(s, "secretName"), object.get(vol, "name", "")]), "path": _path(s, "secretName", sprintf("%s.secret", [path]))} |
	s := vol.secret
	not _legacy_token_volume(object.get(vol, "name", ""), s)
]

_volume_use(vol, "projected", path) := [{"describe": sprintf("Secret %s through volume %q", [_name(s, "name"), object.get(vol, "name", "")]), "path": _path(s, "name", sprintf("%s.projected.sources[%d].secret", [path, j]))} |
	sources := vol.projected.sources
	is_array(sources)
	some j, source in sources
	s := source.secret
	is_object(s)
]

_env_uses := array.concat(
	[{"describe": sprintf("Secret %s in env var %q of %s", [_name(ref, "name"), object.get(e, "name", ""), workload.name_of(c)]), "path": _path(ref, "name", sprintf("%s.env[%d].valueFrom.secretKeyRef", [c.path, i]))} |
		some c in workload.containers
		env := c.container.env
		is_array(env)
		some i, e in env
		ref := e.valueFrom.secretKeyRef
		is_object(ref)
	],
	[{"describe": sprintf("Secret %s in envFrom of %s", [_name(ref, "name"), workload.name_of(c)]), "path": _path(ref, "name", sprintf("%s.envFrom[%d].secretRef", [c.path, i]))} |
		some c in workload.containers
		env_from := c.container.envFrom
		is_array(env_from)
		some i, e in env_from
		ref := e.secretRef
		is_object(ref)
	],
)

_name(s, field) := sprintf("%q", [s[field]]) if is_string(s[field])
else := "(unnamed)"

_path(s, field, base) := sprintf("%s.%s", [base, field]) if is_string(s[field])
else := base

# The service account token Secret the admission plugin mounted before Kubernetes 1.22.
_legacy_token_volume(name, s) if {
	s.secretName == name
	regex.match(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?-token-[a-z0-9]{5}$`, name)
}
