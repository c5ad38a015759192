package kubescape.controls.C_0300

import data.kubescape.lib.k8s

deny contains finding if {
	t := k8s.related.target
	t.found == false
	t.kind in known_kinds
	known_group(t.apiVersion)
	judged
	finding := {
		"msg": sprintf("%s scales %s %q, which does not exist in namespace %q", [k8s.describe, t.kind, t.name, namespace]),
		"failedPaths": ["spec.scaleTargetRef.name"],
	}
}

known_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# The API groups of those kinds; an empty apiVersion is taken as theirs.
known_group(api_version) if {
	is_string(api_version)
	group := api_group(api_version)
	group in {"", "apps", "extensions"}
}

api_group(v) := split(v, "/")[0] if contains(v, "/")

api_group(v) := "" if not contains(v, "/")

namespace := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds workloads of the
# HPA's namespace (else the folder may simply not include them).
judged if target == "cluster"

judged if {
	target != "cluster"
	workload_namespaces_has(namespace)
}

target := object.get(data.kubescape.index, "target", "files")

# An object without namespace lands in "default" when applied.
ns_key(ns) := "default" if ns == ""

ns_key(ns) := ns if ns != ""

# workload_namespaces: the input holds workloads in the namespace (counted by the index).
workload_namespaces_has(ns) if object.get(data.kubescape.index.namespaces, [ns, "workloads"], 0) > 0
