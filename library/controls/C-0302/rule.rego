package kubescape.controls.C_0302

import data.kubescape.lib.k8s

deny contains finding if {
	backends := object.get(k8s.related, "backends", [])
	is_array(backends)
	some b in backends
	b.found == false
	is_string(b.path)
	ns := backend_namespace(b)
	judged(ns)
	finding := {
		"msg": sprintf("%s routes traffic to Service %q, which does not exist in namespace %q", [k8s.describe, b.service, ns]),
		"failedPaths": [sprintf("%s.name", [b.path])],
	}
}

# backend_namespace is the namespace of the Service a backendRef names: its own namespace field,
# else the route's.
backend_namespace(b) := ns_key(b.namespace) if {
	is_string(b.namespace)
	b.namespace != ""
} else := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds Services of the
# backend's namespace (else the folder may simply not include them).
judged(_) if target == "cluster"

judged(ns) if {
	target != "cluster"
	service_namespaces_has(ns)
}

target := object.get(data.kubescape.index, "target", "files")

# An object without namespace lands in "default" when applied.
ns_key(ns) := "default" if ns == ""

ns_key(ns) := ns if ns != ""

# The input holds Service objects in the namespace (counted by the index).
service_namespaces_has(ns) if object.get(data.kubescape.index.namespaces, [ns, "kinds", "Service"], 0) > 0
