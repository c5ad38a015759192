package kubescape.controls.C_0035

import data.kubescape.lib.rbac

# A rule granting "*" verbs on "*" resources, in apiGroups "*" or "": grants matches the literal
# "*" wanted here only against a "*" in the rule.
deny contains finding if {
	rbac.is_subject
	some g in rbac.reportable_grants(["*"], ["*"], ["*", ""])
	finding := {
		"msg": sprintf("%s can do anything (%s) through %s", [rbac.subject_name, scope(g), rbac.via(g)]),
		"failedPaths": [g.path],
		"reviewPaths": [g.path],
	}
}

scope(g) := sprintf("\"*\" verbs on every resource%s%s", [groups(g.rule), where(g.binding)])

groups(rule) := " of every API group" if "*" in object.get(rule, "apiGroups", [""])

groups(rule) := " of the core API group" if not "*" in object.get(rule, "apiGroups", [""])

where(b) := sprintf(" in namespace %q", [b.namespace]) if b.kind == "RoleBinding"

where(b) := " cluster-wide" if b.kind != "RoleBinding"
