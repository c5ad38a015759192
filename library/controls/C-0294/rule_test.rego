package kubescape.controls.C_0294_test

import data.kubescape.controls.C_0294

_pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}

# What the API server returns: both fields, same value.
test_cluster_copy_is_not_reported if {
	count(C_0294.deny) == 0 with input as _pod({"serviceAccount": "web", "serviceAccountName": "web", "containers": []})
		with data.kubescape.index.target as "cluster"
}

test_cluster_disagreement_is_reported if {
	findings := C_0294.deny with input as _pod({"serviceAccount": "a", "serviceAccountName": "b", "containers": []})
		with data.kubescape.index.target as "cluster"
	[f.failedPaths | some f in findings] == [["spec.serviceAccount"]]
}

test_files_report_any_use if {
	findings := C_0294.deny with input as _pod({"serviceAccount": "web", "serviceAccountName": "web", "containers": []})
		with data.kubescape.index.target as "files"
	count(findings) == 1
}
