package kubescape.controls.C_0299

import data.kubescape.lib.k8s

deny contains finding if {
	k8s.related.selectedWorkloads == 0
	judged
	finding := {
		"msg": sprintf("%s: its podSelector %s matches no workload in namespace %q", [k8s.describe, describe_selector, namespace]),
		"failedPaths": ["spec.podSelector"],
	}
}

selector := object.get(input, ["spec", "podSelector"], {})

describe_selector := "{} (every pod)" if {
	is_object(selector)
	count(object.get(selector, "matchLabels", {})) == 0
	count(object.get(selector, "matchExpressions", [])) == 0
} else := json.marshal(selector)

namespace := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds workloads of the
# policy's namespace (else the folder may simply not include them).
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
