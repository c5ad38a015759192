package kubescape.controls.C_0267

import data.kubescape.lib.k8s
import data.kubescape.lib.rbac
import data.kubescape.lib.workload

write_verbs := ["create", "update", "patch"]

read_verbs := ["get", "list", "watch"]

# Rules that start or change pods.
writers := {g |
	some g in rbac.service_account_rules
	count(rbac.pod_resources(g.rule, write_verbs)) > 0
}

# Rules that read every Secret of their scope.
readers := {g |
	some g in rbac.service_account_grants(read_verbs, ["secrets"], [""])
	count(rbac.resource_names(g.rule)) == 0
}

# Pairs of a writer and a reader that reach the same place, with that place.
pairs := {[w, r, scope] |
	some r in readers
	some w in writers
	scope := shared_scope(w.binding, r.binding)
}

# Cheapest tests first: most service accounts hold no rule, and few of those that do read
# Secrets, so the writers (the costly search) are rarely looked for.
deny contains finding if {
	workload.is_workload
	count(rbac.service_account_rules) > 0
	count(readers) > 0
	count(pairs) > 0
	mount := rbac.token_mount
	finding := {
		"msg": sprintf("the pods of %s mount the API token of ServiceAccount %q, which can run pods and read Secrets %s: %s; %s", [
			k8s.describe, rbac.service_account_id, concat(" and ", sort({s | some p in pairs; s := p[2]})),
			concat("; ", sort({write_access(p[0]) | some p in pairs})),
			concat("; ", sort({read_access(p[1]) | some p in pairs})),
		]),
		"failedPaths": mount.failedPaths,
		"fixPaths": mount.fixPaths,
		"reviewPaths": rbac.service_account_paths,
	}
}

shared_scope(a, b) := "cluster-wide" if {
	a.kind != "RoleBinding"
	b.kind != "RoleBinding"
}

shared_scope(a, b) := rbac.scope(a) if {
	a.kind == "RoleBinding"
	b.kind != "RoleBinding"
}

shared_scope(a, b) := rbac.scope(b) if {
	a.kind != "RoleBinding"
	b.kind == "RoleBinding"
}

shared_scope(a, b) := rbac.scope(a) if {
	a.kind == "RoleBinding"
	b.kind == "RoleBinding"
	a.namespace == b.namespace
}

write_access(g) := sprintf("%s %s through %s", [
	concat("/", rbac.effective_verbs(g.rule, write_verbs)), concat(", ", rbac.pod_resources(g.rule, write_verbs)), rbac.via(g),
])

read_access(g) := sprintf("%s secrets through %s", [concat("/", rbac.allowed_verbs(g.rule, read_verbs)), rbac.via(g)])
