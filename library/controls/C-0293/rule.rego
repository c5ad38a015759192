package kubescape.controls.C_0293

import data.kubescape.lib.k8s

deny contains finding if {
	object.get(input, ["spec", "type"], "ClusterIP") != "ExternalName"
	selector := object.get(input, ["spec", "selector"], {})
	is_object(selector)
	count(selector) > 0
	selected := k8s.related.workloads
	is_array(selected)
	count(selected) == 0
	judged
	finding := {
		"msg": sprintf("%s selects %s, which matches no workload in namespace %q", [k8s.describe, render(selector), namespace]),
		"failedPaths": ["spec.selector"],
	}
}

render(selector) := concat(", ", sort([sprintf("%v=%v", [k, v]) | some k, v in selector]))

namespace := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds workloads of the
# Service's namespace (else the folder may simply not include them).
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
