package kubescape.controls.C_0272

import data.kubescape.lib.k8s
import data.kubescape.lib.rbac
import data.kubescape.lib.workload

# "*" verbs on "*" resources in apiGroups "*" or "": grants matches the literal "*" wanted here
# only against a "*" in the rule.
admin := rbac.service_account_grants(["*"], ["*"], ["*", ""])

deny contains finding if {
	workload.is_workload
	count(rbac.service_account_rules) > 0 # most service accounts hold no rule: skip the search
	count(admin) > 0
	mount := rbac.token_mount
	finding := {
		"msg": sprintf("the pods of %s mount the API token of ServiceAccount %q, which can do anything (\"*\" verbs on \"*\" resources) %s", [
			k8s.describe, rbac.service_account_id,
			concat("; ", sort({sprintf("%s through %s", [rbac.scope(g.binding), rbac.via(g)]) | some g in admin})),
		]),
		"failedPaths": mount.failedPaths,
		"fixPaths": mount.fixPaths,
		"reviewPaths": rbac.service_account_paths,
	}
}
