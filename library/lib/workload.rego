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
	some i, c in pod_spec[kind]
}

# regular_containers leaves out ephemeral (debug) containers, which cannot declare ports,
# resources or probes.
regular_containers contains c if {
	some c in containers
	c.kind != "ephemeralContainers"
}

# volumes holds every pod volume as {"volume", "path", "index"}.
volumes contains {"volume": v, "path": sprintf("%s.volumes[%d]", [pod_spec_path, i]), "index": i} if {
	some i, v in pod_spec.volumes
}

# name_of describes a container in messages: `container "app"` or `init container "setup"`.
name_of(c) := sprintf("init container %q", [c.container.name]) if c.kind == "initContainers"

name_of(c) := sprintf("ephemeral container %q", [c.container.name]) if c.kind == "ephemeralContainers"

name_of(c) := sprintf("container %q", [c.container.name]) if c.kind == "containers"

# replicas is spec.replicas for kinds that scale (1 when unset).
replicas := object.get(input, ["spec", "replicas"], 1) if {
	input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
}

replicas := 1 if {
	not input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
}
