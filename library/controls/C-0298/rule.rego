package kubescape.controls.C_0298

import data.kubescape.lib.k8s

deny contains finding if {
	backends := object.get(k8s.related, "backends", [])
	is_array(backends)
	some b in backends
	b.found == false
	is_string(b.path)
	judged
	finding := {
		"msg": sprintf("%s sends traffic to Service %q, which does not exist in namespace %q", [k8s.describe, b.service, namespace]),
		"failedPaths": [b.path],
	}
}

namespace := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds Services of the
# Ingress's namespace (else the folder may simply not include them).
judged if target == "cluster"

judged if {
	target != "cluster"
	service_namespaces_has(namespace)
}

target := object.get(data.kubescape.index, "target", "files")

# An object without namespace lands in "default" when applied.
ns_key(ns) := "default" if ns == ""

ns_key(ns) := ns if ns != ""

# The input holds Service objects in the namespace (counted by the index).
service_namespaces_has(ns) if object.get(data.kubescape.index.namespaces, [ns, "kinds", "Service"], 0) > 0
