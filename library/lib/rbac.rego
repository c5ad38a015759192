# Package rbac reads the RBAC subjects the index synthesizes (kind User, Group or
# ServiceAccount in API group kubescape.io): each lists the bindings that name it, and for each
# binding the role it grants with that role's rules.
package kubescape.lib.rbac

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# is_subject is true when input is a synthesized RBAC subject.
is_subject if {
	input.apiVersion == "kubescape.io/v1"
	input.kind in {"User", "Group", "ServiceAccount"}
}

# grants returns every rule of every role bound to input that allows one of verbs on one of
# resources in one of api_groups, as {"path", "binding", "role", "rule"}. "*" in a rule matches
# anything; resources may name subresources ("pods/exec"), which "*/exec" matches too, as the
# API server's RBAC authorizer decides ("pods/*" is not a wildcard there: it matches nothing).
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
	h == sprintf("*/%s", [parts[1]])
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
else := {g |
	some g in grants(verbs, resources, api_groups)
	not is_builtin_grant(g)
}

# resource_names is a rule's resourceNames ([] when unset or not a list). A rule with names
# applies only to the objects it names.
resource_names(rule) := names if {
	names := object.get(rule, "resourceNames", [])
	is_array(names)
} else := []

# names_allow is true when rule applies to the object called name: it names no object, or names
# that one.
names_allow(rule, _) if count(resource_names(rule)) == 0

names_allow(rule, name) if name in resource_names(rule)

# allowed_verbs is the part of verbs rule allows, sorted.
allowed_verbs(rule, verbs) := sort([v | some v in verbs; _verb_allowed(rule, v)])

_verb_allowed(rule, v) if "*" in rule.verbs

_verb_allowed(rule, v) if v in rule.verbs

# allowed_resources is the part of resources rule covers ("*" and "*/exec" included), in
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
} else := ""

# --- One rule at a time ------------------------------------------------------------------------

# rule_allows is true when rule allows one of verbs on one of resources in one of api_groups,
# with the matching grants uses ("*", "*/exec").
rule_allows(rule, verbs, resources, api_groups) if {
	_match_any(rule.verbs, verbs)
	_match_any(object.get(rule, "apiGroups", [""]), api_groups)
	_resources_match(object.get(rule, "resources", []), resources)
}

# bound_rules lists every rule of every binding in bindings (a subject's "bindings", or a
# workload's serviceAccount.bindings) as {"path", "binding", "role", "rule"}, like grants.
bound_rules(bindings) := {g |
	is_array(bindings)
	some i, b in bindings
	rules := object.get(b, ["role", "rules"], [])
	is_array(rules)
	some j, r in rules
	is_object(r)
	g := {"path": sprintf("bindings[%d].role.rules[%d]", [i, j]), "binding": b, "role": b.role, "rule": r}
}

# grants_in is grants(verbs, resources, api_groups) over the given bindings.
grants_in(bindings, verbs, resources, api_groups) := {g |
	some g in bound_rules(bindings)
	rule_allows(g.rule, verbs, resources, api_groups)
}

# reportable_rules is every rule bound to input (a subject), without what RBAC controls leave
# alone (see reportable_grants).
reportable_rules := set() if is_builtin_subject
else := {g |
	some g in bound_rules(object.get(input, "bindings", []))
	not is_builtin_grant(g)
}

# is_builtin_binding is is_builtin_grant for a service account of namespace ns that is not the
# input (a workload's service account): a "system:" binding in kube-system to a "system:"
# ClusterRole.
is_builtin_binding(ns, b) if {
	ns == "kube-system"
	is_string(b.name)
	startswith(b.name, "system:")
	b.role.kind == "ClusterRole"
	is_string(b.role.name)
	startswith(b.role.name, "system:")
}

# effective_verbs is allowed_verbs(rule, verbs) for a rule on a resource (not a subresource):
# Kubernetes cannot limit create and deletecollection by name, so a rule with resourceNames
# never allows them.
effective_verbs(rule, verbs) := allowed_verbs(rule, verbs) if count(resource_names(rule)) == 0
else := [v |
	some v in allowed_verbs(rule, verbs)
	not v in {"create", "deletecollection"}
]

# scope describes where a binding applies: "cluster-wide" or "in namespace \"x\"".
scope(b) := sprintf("in namespace %q", [b.namespace]) if b.kind == "RoleBinding"

scope(b) := "cluster-wide" if b.kind != "RoleBinding"

# reaches_cluster_scope is true when grant g can apply to cluster-scoped resources (nodes,
# persistentvolumes, webhook configurations, users and groups to impersonate, ...): only through a
# ClusterRoleBinding. A RoleBinding's rules apply to the namespaced resources of its namespace.
reaches_cluster_scope(g) if g.binding.kind == "ClusterRoleBinding"

# --- Impersonation -----------------------------------------------------------------------------

# impersonates lists what rule lets its subject impersonate: "users", "groups",
# "serviceaccounts" (core group), then the extra keys it covers ("userextras/<key>", or
# "userextras/*" for a "*" resource, in authentication.k8s.io).
impersonates(rule) := array.concat(
	[t | some t in ["users", "groups", "serviceaccounts"]; rule_allows(rule, ["impersonate"], [t], [""])],
	_impersonated_extras(rule),
)

# impersonated is impersonates(g.rule) as far as g's binding reaches: through a RoleBinding,
# only the service accounts of its namespace (users, groups and extras are cluster-scoped).
# Most rules do not allow the impersonate verb at all: [] for them is found with one test.
impersonated(g) := [] if not _match_any(g.rule.verbs, ["impersonate"])
else := impersonates(g.rule) if reaches_cluster_scope(g)
else := [t | some t in impersonates(g.rule); t == "serviceaccounts"]

_impersonated_extras(rule) := [x |
	_match_any(rule.verbs, ["impersonate"])
	_match_any(object.get(rule, "apiGroups", [""]), ["authentication.k8s.io"])
	resources := object.get(rule, "resources", [])
	is_array(resources)
	some r in resources
	x := _userextras(r)
]

_userextras("*") := "userextras/*"

_userextras(r) := r if {
	is_string(r)
	startswith(r, "userextras/")
}

# --- Resources that run pods -------------------------------------------------------------------

# pod_controllers are the resources, by API group, whose objects make Kubernetes run pods from a
# template their author writes.
pod_controllers := [
	{"groups": [""], "resources": ["pods", "replicationcontrollers"]},
	{"groups": ["apps"], "resources": ["deployments", "replicasets", "daemonsets", "statefulsets"]},
	{"groups": ["batch"], "resources": ["jobs", "cronjobs"]},
]

# pod_resources lists the resources of pod_controllers on which rule allows one of verbs, each
# in its own API group (create counts only without resourceNames: see effective_verbs).
pod_resources(rule, verbs) := [r |
	ok := effective_verbs(rule, verbs)
	count(ok) > 0
	some t in pod_controllers
	rule_allows(rule, ok, t.resources, t.groups)
	some r in allowed_resources(rule, t.resources)
]

# --- Elevated rules ----------------------------------------------------------------------------

_read_verbs := {"get", "list", "watch"}

# Creating these reviews only asks the API server what the requester itself may do.
_self_reviews := {"selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews"}

# Subresources that a GET opens a session through (websocket exec, attach, port-forward, proxy).
_connect_subresources := ["pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy", "nodes/proxy"]

# elevation lists why rule gives more than read-only access, in words ([] when it does not):
# "*" verbs, resources or non-resource URLs, a verb other than get/list/watch (creating
# self-reviews aside), reading secrets, or a GET on a subresource that opens a session.
elevation(rule) := [reason |
	some check in ["verbs", "resources", "urls", "write", "secrets", "connect"]
	some reason in _elevation(rule, check)
]

_elevation(rule, "verbs") := ["\"*\" verbs"] if _has_star(rule, "verbs")

_elevation(rule, "resources") := ["\"*\" resources"] if _has_star(rule, "resources")

_elevation(rule, "urls") := ["\"*\" non-resource URLs"] if _has_star(rule, "nonResourceURLs")

_elevation(rule, "write") := [sprintf("%s %s", [concat("/", verbs), concat(", ", _targets(rule))])] if {
	verbs := _write_verbs(rule)
	count(verbs) > 0
}

_elevation(rule, "secrets") := ["reading secrets"] if {
	not _has_star(rule, "resources")
	rule_allows(rule, ["get", "list", "watch"], ["secrets"], [""])
}

_elevation(rule, "connect") := [sprintf("get %s", [concat(", ", subs)])] if {
	not _has_star(rule, "resources")
	rule_allows(rule, ["get"], _connect_subresources, [""])
	subs := allowed_resources(rule, _connect_subresources)
}

_has_star(rule, field) if {
	values := object.get(rule, field, [])
	is_array(values)
	"*" in values
}

_write_verbs(rule) := [v |
	verbs := object.get(rule, "verbs", [])
	is_array(verbs)
	some v in verbs
	is_string(v)
	v != "*"
	not v in _read_verbs
	not _self_review(rule, v)
]

_self_review(rule, "create") if {
	resources := object.get(rule, "resources", [])
	is_array(resources)
	count(resources) > 0
	every r in resources {
		r in _self_reviews
	}
}

_targets(rule) := [t |
	some field in ["resources", "nonResourceURLs"]
	values := object.get(rule, field, [])
	is_array(values)
	some t in values
	is_string(t)
]

# --- Workloads' service accounts -----------------------------------------------------------------

# service_account is, for a workload, its service account as the index relates it: {"name",
# "found", "automountServiceAccountToken" (when the ServiceAccount sets it), "bindings"}.
service_account := sa if {
	sa := object.get(k8s.related, "serviceAccount", {})
	is_object(sa)
} else := {}

# service_account_id describes the workload's service account in messages: "ns/name".
service_account_id := sprintf("%s/%s", [_workload_namespace, _service_account_name])

_service_account_name := n if {
	n := object.get(service_account, "name", "")
	is_string(n)
	n != ""
} else := "default"

_workload_namespace := ns if {
	ns := k8s.namespace
	is_string(ns)
	ns != ""
} else := "default"

# service_account_paths is [the pod spec field that names the service account] (serviceAccountName,
# else the deprecated serviceAccount), or [] when the pods run as "default" by omission.
service_account_paths := [sprintf("%s.%s", [workload.pod_spec_path, field])] if {
	some field in ["serviceAccountName", "serviceAccount"]
	field == _account_field
} else := []

_account_field := "serviceAccountName" if _names_account("serviceAccountName")

_account_field := "serviceAccount" if {
	not _names_account("serviceAccountName")
	_names_account("serviceAccount")
}

_names_account(field) if {
	is_object(workload.pod_spec)
	v := object.get(workload.pod_spec, field, "")
	is_string(v)
	v != ""
}

# service_account_rules is every rule the workload's service account holds through its
# bindings, without Kubernetes' own controller bindings (is_builtin_binding).
service_account_rules := {g |
	some g in bound_rules(object.get(service_account, "bindings", []))
	not is_builtin_binding(_workload_namespace, g.binding)
}

# service_account_grants is grants(verbs, resources, api_groups) for the workload's service
# account.
service_account_grants(verbs, resources, api_groups) := {g |
	some g in service_account_rules
	rule_allows(g.rule, verbs, resources, api_groups)
}

# token_mount says whether and how the workload's pods get their service account's API token:
# {"how": [phrases], "failedPaths", "fixPaths"}; undefined when they do not. The token is
# mounted unless automountServiceAccountToken is false on the pod spec or (when the pod spec
# leaves it unset) on the ServiceAccount; a projected serviceAccountToken volume source without
# an audience (so valid for the API server) mounts one too. Tokens projected for another
# audience (IRSA's sts.amazonaws.com, Vault, ...) are not API credentials and do not count.
token_mount := {
	"how": array.concat(_automount_how, [sprintf("volume %q projects a token for the API server", [p.volume]) | some p in _projected_tokens]),
	"failedPaths": array.concat(_automount_failed, [p.path | some p in _projected_tokens]),
	"fixPaths": _automount_fix,
} if {
	workload.is_workload
	_mounts_token
}

# These per-workload rules are else chains rather than several definitions: each definition
# would be evaluated for every workload.
_mounts_token := true if _automounts
else := true if count(_projected_tokens) > 0

_automount_path := sprintf("%s.automountServiceAccountToken", [workload.pod_spec_path])

_pod_automount := v if {
	is_object(workload.pod_spec)
	v := object.get(workload.pod_spec, "automountServiceAccountToken", null)
	is_boolean(v)
}

_pod_sets_automount if is_boolean(_pod_automount)

_sa_disables_automount if {
	service_account.found == true
	service_account.automountServiceAccountToken == false
}

_automounts := true if _pod_automount == true
else := true if {
	not _pod_sets_automount
	not _sa_disables_automount
}

_automount_how := ["the pod spec sets automountServiceAccountToken: true"] if _pod_automount == true
else := ["neither the pod spec nor the ServiceAccount sets automountServiceAccountToken: false"] if _automounts
else := []

_automount_failed := [_automount_path] if _pod_automount == true else := []

_automount_fix := [{"path": _automount_path, "value": "false"}] if _automounts else := []

_projected_tokens := [{"volume": name, "path": path} |
	some v in workload.volumes
	sources := object.get(v.volume, ["projected", "sources"], [])
	is_array(sources)
	some k, s in sources
	is_object(s)
	token := object.get(s, "serviceAccountToken", null)
	is_object(token)
	not _has_audience(token)
	name := object.get(v.volume, "name", "")
	path := sprintf("%s.projected.sources[%d].serviceAccountToken", [v.path, k])
]

_has_audience(token) if {
	a := object.get(token, "audience", "")
	is_string(a)
	a != ""
}
