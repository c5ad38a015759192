package kubescape.controls.C_0061

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# A workload explicitly placed in "default"; one without namespace lands wherever it is applied.
deny contains finding if {
	workload.is_workload
	k8s.namespace == "default"
	finding := {
		"msg": sprintf("%s %q runs in the \"default\" namespace", [input.kind, k8s.name]),
		"failedPaths": ["metadata.namespace"],
		"fixPaths": [{"path": "metadata.namespace", "value": "YOUR_VALUE"}],
	}
}
