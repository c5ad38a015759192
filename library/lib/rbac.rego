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

# is_builtin_subject is true for Kubernetes' own identities: users and groups whose names start
# with "system:" (system:masters, system:kube-controller-manager, system:nodes, ...). RBAC
# controls do not flag them. Names that stand for anybody or for service accounts are not
# built-in: system:anonymous, system:unauthenticated, system:authenticated, users
# "system:serviceaccount:<ns>:<name>" and groups "system:serviceaccounts[:<ns>]".
is_builtin_subject if {
	input.kind in {"User", "Group"}
	name := object.get(input, ["metadata", "name"], "")
	is_string(name)
	startswith(name, "system:")
	not _open_system_name(name)
}

_open_system_name(name) if name in {"system:anonymous", "system:unauthenticated", "system:authenticated"}

_open_system_name(name) if startswith(name, "system:serviceaccount:")

_open_system_name(name) if startswith(name, "system:serviceaccounts")

# is_builtin_grant is true for a grant Kubernetes sets up for its own controllers: a kube-system
# service account bound by a "system:" binding to a "system:" ClusterRole (the bootstrap policy's
# system:controller:* bindings, system:coredns, ...). The "system:" prefix is reserved for
# Kubernetes components.
is_builtin_grant(g) if {
	input.kind == "ServiceAccount"
	object.get(input, ["metadata", "namespace"], "") == "kube-system"
	startswith(g.binding.name, "system:")
	g.role.kind == "ClusterRole"
	startswith(g.role.name, "system:")
}

# reportable_grants is grants(verbs, resources, api_groups) without what RBAC controls leave
# alone: nothing for a built-in subject, and no built-in grant.
reportable_grants(verbs, resources, api_groups) := set() if is_builtin_subject

reportable_grants(verbs, resources, api_groups) := {g |
	some g in grants(verbs, resources, api_groups)
	not is_builtin_grant(g)
} if not is_builtin_subject

# resource_names is a rule's resourceNames ([] when unset or not a list). A rule with names
# applies only to the objects it names.
resource_names(rule) := names if {
	names := object.get(rule, "resourceNames", [])
	is_array(names)
}

resource_names(rule) := [] if not is_array(object.get(rule, "resourceNames", []))

# names_allow is true when rule applies to the object called name: it names no object, or names
# that one.
names_allow(rule, _) if count(resource_names(rule)) == 0

names_allow(rule, name) if name in resource_names(rule)

# allowed_verbs is the part of verbs rule allows, sorted.
allowed_verbs(rule, verbs) := sort([v | some v in verbs; _verb_allowed(rule, v)])

_verb_allowed(rule, v) if "*" in rule.verbs

_verb_allowed(rule, v) if v in rule.verbs

# allowed_resources is the part of resources rule covers ("*", "pods/*", "*/exec" included), in
# the order given.
allowed_resources(rule, resources) := [r | some r in resources; _resources_match(_rule_resources(rule), [r])]

_rule_resources(rule) := object.get(rule, "resources", [])

# access describes what a rule allows of verbs on resources: "delete/deletecollection pods, secrets".
access(rule, verbs, resources) := sprintf("%s %s", [
	concat("/", allowed_verbs(rule, verbs)),
	concat(", ", allowed_resources(rule, resources)),
])

# only_names describes a rule's resourceNames for messages: " (only \"a\", \"b\")", or "" when the
# rule names no object.
only_names(rule) := sprintf(" (only %s)", [concat(", ", [sprintf("%q", [n]) | some n in resource_names(rule)])]) if {
	count(resource_names(rule)) > 0
}

only_names(rule) := "" if count(resource_names(rule)) == 0
