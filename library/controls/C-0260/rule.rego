package kubescape.controls.C_0260

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	workload.is_workload
	policies := object.get(k8s.related, "networkPolicies", [])
	count(policies) == 0
	finding := {
		"msg": sprintf("No NetworkPolicy selects the pods of %s", [k8s.describe]),
		"reviewPaths": [sprintf("%s.labels", [workload.pod_meta_path])],
	}
}
