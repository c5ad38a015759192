# Package workload gives every rule the same view of a workload, whatever its kind: the pod
# spec, its path in the object, and every container (init and ephemeral included) with its path.
package kubescape.lib.workload

# pod_spec_path is the dotted path of the pod spec inside input, for every kind with pods.
pod_spec_path := "spec" if input.kind == "Pod"

pod_spec_path := "spec.template.spec" if {
	input.kind in {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController"}
}

pod_spec_path := "spec.jobTemplate.spec.template.spec" if input.kind == "CronJob"

pod_spec_path := "template.spec" if input.kind == "PodTemplate"

# pod_meta_path is the dotted path of the pods' metadata.
pod_meta_path := "metadata" if input.kind == "Pod"

pod_meta_path := concat(".", array.concat(array.slice(parts, 0, count(parts) - 1), ["metadata"])) if {
	input.kind != "Pod"
	parts := split(pod_spec_path, ".")
}

# pod_spec is the pod spec of input ({} when the path is there but empty).
pod_spec := object.get(input, split(pod_spec_path, "."), {})

# pod_meta is the metadata of input's pods.
pod_meta := object.get(input, split(pod_meta_path, "."), {})

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

_label(c) := sprintf("%q", [c.container.name]) if is_string(c.container.name)

_label(c) := sprintf("#%d (unnamed)", [c.index]) if not is_string(object.get(c.container, "name", null))

# replicas is spec.replicas for kinds that scale (1 when unset).
replicas := object.get(input, ["spec", "replicas"], 1) if {
	input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
}

replicas := 1 if {
	not input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
}
