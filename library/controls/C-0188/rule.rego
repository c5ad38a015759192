package kubescape.controls.C_0188

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_rules
	resources := rbac.pod_resources(g.rule, ["create"])
	count(resources) > 0
	finding := {
		"msg": sprintf("%s can create %s through %s", [rbac.subject_name, concat(", ", resources), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}
