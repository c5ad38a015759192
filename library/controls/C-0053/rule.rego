package kubescape.controls.C_0053

import data.kubescape.lib.k8s
import data.kubescape.lib.rbac

workloads := w if {
	w := object.get(k8s.related, "workloads", [])
	is_array(w)
}

deny contains finding if {
	rbac.is_subject
	input.kind == "ServiceAccount"
	count(workloads) > 0
	some i, b in input.bindings
	rules := object.get(b.role, "rules", [])
	is_array(rules)
	count(rules) > 0
	not rbac.is_builtin_grant({"binding": b, "role": b.role})
	finding := {
		"msg": sprintf("%s holds %d rule(s) through %s, and its token is mounted by %s%s", [
			rbac.subject_name, count(rules), rbac.via({"binding": b, "role": b.role}),
			describe(workloads[0]), others,
		]),
		"reviewPaths": [sprintf("bindings[%d].role.rules", [i])],
	}
}

describe(w) := sprintf("%s \"%s/%s\"", [w.kind, ns(w), w.name])

ns(w) := object.get(w, "namespace", "") if object.get(w, "namespace", "") != ""

ns(w) := "default" if object.get(w, "namespace", "") == ""

others := "" if count(workloads) == 1

others := sprintf(" and %d other workload(s)", [count(workloads) - 1]) if count(workloads) > 1
