# Package workload gives every rule the same view of a workload, whatever its kind: the pod
# spec, its path in the object, and every container (init and ephemeral included) with its path.
package kubescape.lib.workload

# pod_spec_path is the dotted path of the pod spec inside input, for every kind with pods.
# Every workload control reads these paths, so they come from tables (computed once per scan)
# rather than from a rule per kind.
pod_spec_path := _spec_paths[input.kind]

_spec_paths := {
	"Pod": "spec",
	"Deployment": "spec.template.spec",
	"ReplicaSet": "spec.template.spec",
	"DaemonSet": "spec.template.spec",
	"StatefulSet": "spec.template.spec",
	"Job": "spec.template.spec",
	"ReplicationController": "spec.template.spec",
	"CronJob": "spec.jobTemplate.spec.template.spec",
	"PodTemplate": "template.spec",
}

# pod_meta_path is the dotted path of the pods' metadata: the pod spec's sibling "metadata".
pod_meta_path := _meta_paths[input.kind]

_meta_paths := {kind: path |
	some kind, spec in _spec_paths
	parts := split(spec, ".")
	path := concat(".", array.concat(array.slice(parts, 0, count(parts) - 1), ["metadata"]))
}

_spec_keys := {kind: split(path, ".") | some kind, path in _spec_paths}

_meta_keys := {kind: split(path, ".") | some kind, path in _meta_paths}

# pod_spec is the pod spec of input ({} when the path is there but empty).
pod_spec := object.get(input, _spec_keys[input.kind], {})

# pod_meta is the metadata of input's pods.
pod_meta := object.get(input, _meta_keys[input.kind], {})

# is_workload is true for every kind that carries a pod spec.
is_workload if pod_spec_path

container_kinds := ["containers", "initContainers", "ephemeralContainers"]

# containers holds every container as {"container", "path", "kind", "index"}.
containers contains {"container": c, "path": sprintf("%s.%s[%d]", [pod_spec_path, kind, i]), "kind": kind, "index": i} if {
	some kind in container_kinds
	is_array(pod_spec[kind])
	some i, c in pod_spec[kind]
	is_object(c)
}

# regular_containers leaves out ephemeral (debug) containers, which cannot declare ports,
# resources or probes.
regular_containers contains c if {
	some c in containers
	c.kind != "ephemeralContainers"
}

# volumes holds every pod volume as {"volume", "path", "index"}.
volumes contains {"volume": v, "path": sprintf("%s.volumes[%d]", [pod_spec_path, i]), "index": i} if {
	is_array(pod_spec.volumes)
	some i, v in pod_spec.volumes
	is_object(v)
}

# name_of describes a container in messages: `container "app"` or `init container "setup"`;
# a container without a name is described by its position.
name_of(c) := sprintf("%s %s", [_kind_word[c.kind], _label(c)])

_kind_word := {"containers": "container", "initContainers": "init container", "ephemeralContainers": "ephemeral container"}

_label(c) := sprintf("%q", [n]) if {
	n := c.container.name
	is_string(n)
} else := sprintf("#%d (unnamed)", [c.index])

# replicas is spec.replicas for kinds that scale (1 when unset).
replicas := object.get(input, ["spec", "replicas"], 1) if {
	input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
} else := 1

# quantity_set(v) says whether v sets a resource quantity: a number or a non-blank string (null,
# "" and other types do not). It is always true or false, so for a scalar v the scanner computes
# it once per scan; rules test quantity_set(v) == false rather than negating it (no negation to
# evaluate).
quantity_set(v) := true if {
	is_string(v)
	trim_space(v) != ""
} else := is_number(v)
