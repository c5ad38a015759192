# Package rbac reads the RBAC subjects the index synthesizes (kind User, Group or
# ServiceAccount in API group kubescape.io): each lists the bindings that name it, and for each
# binding the role it grants with that role's rules.
package kubescape.lib.rbac

# is_subject is true when input is a synthesized RBAC subject.
is_subject if {
	input.apiVersion == "kubescape.io/v1"
	input.kind in {"User", "Group", "ServiceAccount"}
}

# grants returns every rule of every role bound to input that allows one of verbs on one of
# resources in one of api_groups, as {"path", "binding", "role", "rule"}. "*" in a rule matches
# anything; resources may name subresources ("pods/exec"), which "pods/*" and "*/exec" match too.
grants(verbs, resources, api_groups) := {g |
	some i, b in input.bindings
	some j, r in b.role.rules
	_match_any(r.verbs, verbs)
	_match_any(object.get(r, "apiGroups", [""]), api_groups)
	_resources_match(object.get(r, "resources", []), resources)
	g := {"path": sprintf("bindings[%d].role.rules[%d]", [i, j]), "binding": b, "role": b.role, "rule": r}
}

_match_any(have, _) if "*" in have

_match_any(have, want) if {
	some w in want
	w in have
}

_resources_match(have, _) if "*" in have

_resources_match(have, want) if {
	some w in want
	w in have
}

_resources_match(have, want) if {
	some w in want
	contains(w, "/")
	parts := split(w, "/")
	some h in have
	h in {sprintf("%s/*", [parts[0]]), sprintf("*/%s", [parts[1]])}
}

# subject_name describes input in messages: ServiceAccount "ns/name", User "jane".
subject_name := sprintf("ServiceAccount \"%s/%s\"", [input.metadata.namespace, input.metadata.name]) if input.kind == "ServiceAccount"

subject_name := sprintf("%s %q", [input.kind, input.metadata.name]) if input.kind != "ServiceAccount"

# via describes how a grant reaches the subject: ClusterRoleBinding "x" -> ClusterRole "y".
via(g) := sprintf("%s %q -> %s %q", [g.binding.kind, _qualified(g.binding), g.role.kind, g.role.name])

_qualified(b) := sprintf("%s/%s", [b.namespace, b.name]) if b.namespace != ""

_qualified(b) := b.name if b.namespace == ""
