package kubescape.controls.C_0307

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	sa := k8s.related.serviceAccount
	sa.found == false
	is_string(sa.name)
	sa.name != "default"
	judged
	finding := {
		"msg": sprintf("%s runs as ServiceAccount %q, which does not exist in namespace %q", [k8s.describe, sa.name, namespace]),
		"failedPaths": [sprintf("%s.%s", [workload.pod_spec_path, field])],
	}
}

# field is the pod spec field naming the service account: serviceAccountName wins over the
# deprecated serviceAccount, as in the API server.
field := "serviceAccountName" if {
	n := object.get(workload.pod_spec, "serviceAccountName", "")
	is_string(n)
	n != ""
} else := "serviceAccount"

namespace := ns_key(k8s.namespace)

# On a cluster the input is complete; on files, only when the input holds ServiceAccounts of the
# workload's namespace (else the folder may simply not include them).
judged if target == "cluster"

judged if {
	target != "cluster"
	sa_namespaces_has(namespace)
}

target := object.get(data.kubescape.index, "target", "files")

# An object without namespace lands in "default" when applied.
ns_key(ns) := "default" if ns == ""

ns_key(ns) := ns if ns != ""

# The input holds ServiceAccount objects in the namespace (counted by the index).
sa_namespaces_has(ns) if object.get(data.kubescape.index.namespaces, [ns, "kinds", "ServiceAccount"], 0) > 0
