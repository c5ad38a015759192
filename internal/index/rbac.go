package index

import (
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// builtinClusterRoles are the roles every cluster has whose rules are fixed, so a binding to one
// of them in a manifest can be judged without the cluster. Only roles whose rules are stable
// across Kubernetes versions are listed.
var builtinClusterRoles = map[string][]any{
	"cluster-admin": {
		map[string]any{"apiGroups": []any{"*"}, "resources": []any{"*"}, "verbs": []any{"*"}},
		map[string]any{"nonResourceURLs": []any{"*"}, "verbs": []any{"*"}},
	},
}

type roleKey struct{ kind, ns, name string }

// Grant is one binding of a synthesized subject: the binding object and the role it grants
// (nil when the role is not in the input).
type Grant struct {
	Binding *resource.Object
	Role    *resource.Object
}

// rbac synthesizes one object per subject named by a binding, listing each binding with the
// rules of the role it grants. mounts names, per service account, the workloads that mount its
// token; it becomes the subject's "workloads" relation.
func (ix *Index) rbac(roles, bindings []*resource.Object, mounts map[saKey][]any) {
	if len(bindings) == 0 {
		return
	}
	byKey := map[roleKey]*resource.Object{}
	var clusterRoles []*resource.Object
	for _, r := range roles {
		ns := ""
		if r.Kind == "Role" {
			ns = nsKey(r.Namespace)
		} else {
			clusterRoles = append(clusterRoles, r)
		}
		byKey[roleKey{r.Kind, ns, r.Name}] = r
	}

	type subj struct {
		id       string
		bindings []any
		grants   []Grant
		first    *resource.Object
		kind     string
		ns, name string
	}
	subjects := map[string]*subj{}
	var order []string
	for _, b := range bindings {
		ref := resource.Map(b.Object, "roleRef")
		roleKind, roleName := resource.String(ref, "kind"), resource.String(ref, "name")
		role := map[string]any{"kind": roleKind, "name": roleName, "found": false, "rules": []any{}}
		key := roleKey{roleKind, "", roleName}
		if roleKind == "Role" {
			key.ns = nsKey(b.Namespace)
			role["namespace"] = b.Namespace
		}
		roleObj := byKey[key]
		if r := roleObj; r != nil {
			role["found"] = true
			role["source"] = sourceOf(r)
			role["rules"] = roleRules(r, clusterRoles)
		} else if rules, ok := builtinClusterRoles[roleName]; ok && roleKind == "ClusterRole" {
			role["found"] = true
			role["builtin"] = true
			role["rules"] = rules
		}
		binding := map[string]any{
			"kind": b.Kind, "name": b.Name, "namespace": b.Namespace, "source": sourceOf(b), "role": role,
		}
		for _, s := range resource.Slice(b.Object, "subjects") {
			sm, ok := s.(map[string]any)
			if !ok {
				continue
			}
			kind, name := resource.String(sm, "kind"), resource.String(sm, "name")
			ns := ""
			switch kind {
			case "ServiceAccount":
				ns = resource.String(sm, "namespace")
				if ns == "" {
					ns = b.Namespace
				}
				ns = nsKey(ns)
			case "User", "Group":
			default:
				continue
			}
			if name == "" {
				continue
			}
			id := resource.ID(SubjectAPIVersion, ns, kind, name)
			x := subjects[id]
			if x == nil {
				x = &subj{id: id, first: b, kind: kind, ns: ns, name: name}
				subjects[id] = x
				order = append(order, id)
			}
			x.bindings = append(x.bindings, binding)
			ix.recordServiceAccountGrant(kind, name, binding)
			x.grants = append(x.grants, Grant{Binding: b, Role: roleObj})
		}
	}
	sort.Strings(order)
	for _, id := range order {
		x := subjects[id]
		meta := map[string]any{"name": x.name}
		if x.ns != "" {
			meta["namespace"] = x.ns
		}
		obj := map[string]any{
			"apiVersion": SubjectAPIVersion,
			"kind":       x.kind,
			"metadata":   meta,
			"bindings":   x.bindings,
		}
		so := &resource.Object{
			APIVersion: SubjectAPIVersion, Kind: x.kind, Namespace: x.ns, Name: x.name,
			Object: obj, Source: x.first.Source, Synthetic: true,
		}
		ix.Subjects = append(ix.Subjects, so)
		ix.grants[so] = x.grants
		if x.kind == "ServiceAccount" {
			ix.saBindings[saKey{x.ns, x.name}] = x.bindings
			w := mounts[saKey{x.ns, x.name}]
			if w == nil {
				w = []any{}
			}
			ix.rel(id)["workloads"] = w
		}
	}
}

// roleRules returns a role's rules; for an aggregated ClusterRole, the rules of every
// ClusterRole its selectors pick.
func roleRules(r *resource.Object, clusterRoles []*resource.Object) []any {
	rules := append([]any{}, resource.Slice(r.Object, "rules")...)
	agg := resource.Slice(r.Object, "aggregationRule", "clusterRoleSelectors")
	if r.Kind == "ClusterRole" && len(agg) > 0 {
		for _, s := range agg {
			sel := parseLabelSelector(s)
			for _, cr := range clusterRoles {
				if cr != r && sel.matches(cr.Labels()) {
					rules = append(rules, resource.Slice(cr.Object, "rules")...)
				}
			}
		}
	}
	return rules
}

// recordServiceAccountGrant notes the bindings that reach service accounts through the identities
// Kubernetes gives them besides their own subject entry: the user
// "system:serviceaccount:<ns>:<name>", the group "system:serviceaccounts:<ns>" (every account of
// a namespace) and the group "system:serviceaccounts" (every account).
func (ix *Index) recordServiceAccountGrant(kind, name string, binding map[string]any) {
	switch {
	case kind == "User" && strings.HasPrefix(name, "system:serviceaccount:"):
		parts := strings.Split(strings.TrimPrefix(name, "system:serviceaccount:"), ":")
		if len(parts) == 2 && parts[0] != "" && parts[1] != "" {
			k := saKey{nsKey(parts[0]), parts[1]}
			ix.saUserBindings[k] = append(ix.saUserBindings[k], binding)
		}
	case kind == "Group" && name == "system:serviceaccounts":
		ix.saAllBindings = append(ix.saAllBindings, binding)
	case kind == "Group" && strings.HasPrefix(name, "system:serviceaccounts:"):
		ns := strings.TrimPrefix(name, "system:serviceaccounts:")
		ix.saNSBindings[ns] = append(ix.saNSBindings[ns], binding)
	}
}

// serviceAccountGrants returns every binding that applies to a service account: its own, and
// those of the user and groups it belongs to.
func (ix *Index) serviceAccountGrants(k saKey) []any {
	var out []any
	out = append(out, ix.saBindings[k]...)
	out = append(out, ix.saUserBindings[k]...)
	out = append(out, ix.saNSBindings[k.ns]...)
	out = append(out, ix.saAllBindings...)
	if out == nil {
		out = []any{}
	}
	return out
}
