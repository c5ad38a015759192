package kubescape.controls.C_0261

import data.kubescape.lib.k8s
import data.kubescape.lib.rbac
import data.kubescape.lib.workload

deny contains finding if {
	workload.is_workload
	rules := rbac.service_account_rules
	count(rules) > 0
	mount := rbac.token_mount
	finding := {
		"msg": sprintf("the pods of %s mount the API token of ServiceAccount %q (%s), which holds %d RBAC rule(s) through %s", [
			k8s.describe, rbac.service_account_id, concat("; ", mount.how), count(rules),
			concat("; ", sort({rbac.via(g) | some g in rules})),
		]),
		"failedPaths": mount.failedPaths,
		"fixPaths": mount.fixPaths,
		"reviewPaths": rbac.service_account_paths,
	}
}
