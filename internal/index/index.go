// Package index builds, once per scan, the relations between objects that rules need (which
// network policies select a workload, which services expose it, which service account it runs
// as, which roles an RBAC subject holds) so that every rule can stay a check of one object.
// Rules read the result under data.kubescape.index.
package index

import (
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// SubjectAPIVersion is the apiVersion of the RBAC subjects the index synthesizes.
const SubjectAPIVersion = "kubescape.io/v1"

// Index holds the relations of one scan.
type Index struct {
	related  map[string]map[string]any
	webhooks []any
	// perNamespace counts, per namespace, the objects of each kind and the workloads.
	perNamespace map[string]map[string]any
	nodes        []any
	kinds        map[resource.GroupKind]int
	provider     string
	// Subjects are the RBAC subjects (users, groups, service accounts) named by bindings, each
	// with the roles it holds: objects RBAC controls evaluate.
	Subjects []*resource.Object
	grants   map[*resource.Object][]Grant
	managed  map[*resource.Object]bool
	// saBindings holds the bindings of each service account subject; saUserBindings,
	// saNSBindings and saAllBindings those that reach service accounts through their user name and
	// their groups.
	saBindings     map[saKey][]any
	saUserBindings map[saKey][]any
	saNSBindings   map[string][]any
	saAllBindings  []any
}

// Grants returns, for a synthesized subject, its bindings in the order of its "bindings" list.
func (ix *Index) Grants(subject *resource.Object) []Grant { return ix.grants[subject] }

// nsKey normalises a namespace for relations: an object without namespace lands in "default"
// when applied, so it relates to objects of the default namespace.
func nsKey(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}

type workload struct {
	obj    *resource.Object
	id     string
	ns     string
	labels map[string]string
	spec   map[string]any
}

// Build computes the relations of a set of objects.
func Build(objs []*resource.Object) *Index {
	ix := &Index{related: map[string]map[string]any{}, kinds: map[resource.GroupKind]int{}, grants: map[*resource.Object][]Grant{}, saBindings: map[saKey][]any{},
		saUserBindings: map[saKey][]any{}, saNSBindings: map[string][]any{}}
	var workloads []workload
	var netpols, services, namespaces, serviceAccounts, configMaps []*resource.Object
	var roles, bindings []*resource.Object
	byKind := map[resource.GroupKind][]*resource.Object{}
	ix.perNamespace = map[string]map[string]any{}
	for _, o := range objs {
		gk := o.GroupKind()
		ix.kinds[gk]++
		byKind[gk] = append(byKind[gk], o)
		ix.countInNamespace(o)
		if spec := o.PodSpec(); spec != nil {
			workloads = append(workloads, workload{obj: o, id: o.ID(), ns: nsKey(o.Namespace), labels: o.PodLabels(), spec: spec})
		}
		switch gk {
		case resource.GroupKind{Group: "networking.k8s.io", Kind: "NetworkPolicy"},
			resource.GroupKind{Group: "cilium.io", Kind: "CiliumNetworkPolicy"},
			resource.GroupKind{Group: "cilium.io", Kind: "CiliumClusterwideNetworkPolicy"}:
			netpols = append(netpols, o)
		case resource.GroupKind{Kind: "Service"}:
			services = append(services, o)
		case resource.GroupKind{Kind: "Namespace"}:
			namespaces = append(namespaces, o)
		case resource.GroupKind{Kind: "ServiceAccount"}:
			serviceAccounts = append(serviceAccounts, o)
		case resource.GroupKind{Kind: "ConfigMap"}:
			configMaps = append(configMaps, o)
		case resource.GroupKind{Kind: "Node"}:
			ix.addNode(o)
		case resource.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "Role"},
			resource.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:
			roles = append(roles, o)
		case resource.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"},
			resource.GroupKind{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}:
			bindings = append(bindings, o)
		}
	}
	ix.networkPolicies(workloads, netpols, namespaces)
	selected := ix.services(workloads, services)
	mounts := ix.serviceAccounts(workloads, serviceAccounts)
	ix.configMaps(workloads, configMaps)
	ix.rbac(roles, bindings, mounts)
	ix.serviceAccountBindings(workloads, serviceAccounts)
	ix.namespaces(namespaces, serviceAccounts, workloads)
	ix.exposure(byKind, services, selected)
	ix.autoscalers(byKind, workloads)
	ix.storage(byKind)
	ix.admissionWebhooks(byKind)
	ix.findManaged(workloads)
	return ix
}

// Managed reports whether an object is created and kept by a controller the input also holds: a
// Pod of a ReplicaSet, a ReplicaSet of a Deployment, a Job of a CronJob. Such objects repeat their
// controller's template, so controls judge the controller once instead of every copy.
func (ix *Index) Managed(o *resource.Object) bool { return ix.managed[o] }

// findManaged marks workloads whose controlling owner is a workload of the input.
func (ix *Index) findManaged(workloads []workload) {
	type key struct{ kind, ns, name string }
	present := map[key]bool{}
	for _, w := range workloads {
		present[key{w.obj.Kind, w.ns, w.obj.Name}] = true
	}
	ix.managed = map[*resource.Object]bool{}
	for _, w := range workloads {
		for _, ref := range resource.Slice(w.obj.Object, "metadata", "ownerReferences") {
			kind, name := resource.String(ref, "kind"), resource.String(ref, "name")
			if present[key{kind, w.ns, name}] && resource.PodSpecPath(kind) != nil {
				ix.managed[w.obj] = true
			}
		}
	}
}

// rel returns the relation map of an object ID, creating it.
func (ix *Index) rel(id string) map[string]any {
	m := ix.related[id]
	if m == nil {
		m = map[string]any{}
		ix.related[id] = m
	}
	return m
}

func appendRel(m map[string]any, key string, v any) {
	list, _ := m[key].([]any)
	m[key] = append(list, v)
}

// Has reports how many objects of a kind the scan holds.
func (ix *Index) Has(gk resource.GroupKind) int { return ix.kinds[gk] }

// CloudProvider is "eks", "aks", "gke" or "" as told by the nodes' providerID.
func (ix *Index) CloudProvider() string { return ix.provider }

// Data returns what rules read under data.kubescape.index.
func (ix *Index) Data() map[string]any {
	related := make(map[string]any, len(ix.related))
	for k, v := range ix.related {
		related[k] = v
	}
	nodes := ix.nodes
	if nodes == nil {
		nodes = []any{}
	}
	webhooks := ix.webhooks
	if webhooks == nil {
		webhooks = []any{}
	}
	namespaces := make(map[string]any, len(ix.perNamespace))
	for k, v := range ix.perNamespace {
		namespaces[k] = v
	}
	return map[string]any{"related": related, "nodes": nodes, "cloudProvider": ix.provider, "webhooks": webhooks, "namespaces": namespaces}
}

// countInNamespace counts a namespaced object in its namespace: data.kubescape.index.namespaces
// [ns] = {"kinds": {"Service": 3, "apps/Deployment": 2, ...}, "workloads": 2}. Cluster-scoped
// kinds are counted too when they carry no namespace; rules ask only about namespaced kinds.
func (ix *Index) countInNamespace(o *resource.Object) {
	ns := nsKey(o.Namespace)
	m := ix.perNamespace[ns]
	if m == nil {
		m = map[string]any{"kinds": map[string]any{}, "workloads": 0}
		ix.perNamespace[ns] = m
	}
	kinds := m["kinds"].(map[string]any)
	n, _ := kinds[o.GroupKind().String()].(int)
	kinds[o.GroupKind().String()] = n + 1
	if resource.PodSpecPath(o.Kind) != nil {
		m["workloads"] = m["workloads"].(int) + 1
	}
}

func (ix *Index) addNode(o *resource.Object) {
	info := resource.Map(o.Object, "status", "nodeInfo")
	providerID := resource.String(o.Object, "spec", "providerID")
	ix.nodes = append(ix.nodes, map[string]any{
		"name":                    o.Name,
		"kubeletVersion":          resource.String(info, "kubeletVersion"),
		"osImage":                 resource.String(info, "osImage"),
		"containerRuntimeVersion": resource.String(info, "containerRuntimeVersion"),
		"providerID":              providerID,
	})
	switch {
	case strings.HasPrefix(providerID, "aws://"):
		ix.provider = "eks"
	case strings.HasPrefix(providerID, "azure://"):
		ix.provider = "aks"
	case strings.HasPrefix(providerID, "gce://"):
		ix.provider = "gke"
	}
}

// sourceOf renders an object's location for messages ("" when it has none).
func sourceOf(o *resource.Object) string { return o.Source.String() }

// networkPolicies relates workloads to the policies that select their pods, and namespaces to
// the number of policies they hold.
func (ix *Index) networkPolicies(workloads []workload, netpols, namespaces []*resource.Object) {
	type pol struct {
		obj  *resource.Object
		info map[string]any
		sel  selector
		ns   string // "" for cluster-wide
	}
	perNS := map[string]int{}
	var pols []*pol
	byNS := map[string]*candidates[*pol]{}
	clusterWide := newCandidates[*pol]()
	for _, np := range netpols {
		p := &pol{obj: np, info: map[string]any{"kind": np.Kind, "name": np.Name, "namespace": np.Namespace, "source": sourceOf(np)}}
		pols = append(pols, p)
		switch np.Kind {
		case "NetworkPolicy":
			spec := resource.Map(np.Object, "spec")
			p.sel = parseLabelSelector(spec["podSelector"])
			p.ns = nsKey(np.Namespace)
			in, eg := policyTypes(spec)
			p.info["ingress"], p.info["egress"] = in, eg
			p.info["ingressAllowsAll"] = in && allowsAll(spec, "ingress")
			p.info["egressAllowsAll"] = eg && allowsAll(spec, "egress")
		default: // Cilium: endpointSelector; a section present means that direction is policed.
			spec := resource.Map(np.Object, "spec")
			p.sel = parseLabelSelector(spec["endpointSelector"])
			if np.Kind == "CiliumNetworkPolicy" {
				p.ns = nsKey(np.Namespace)
			}
			_, hasIn := spec["ingress"]
			_, hasInDeny := spec["ingressDeny"]
			_, hasEg := spec["egress"]
			_, hasEgDeny := spec["egressDeny"]
			p.info["ingress"], p.info["egress"] = hasIn || hasInDeny, hasEg || hasEgDeny
			p.info["ingressAllowsAll"], p.info["egressAllowsAll"] = false, false
		}
		if p.ns == "" {
			clusterWide.add(p.sel, p)
			continue
		}
		perNS[p.ns]++
		c := byNS[p.ns]
		if c == nil {
			c = newCandidates[*pol]()
			byNS[p.ns] = c
		}
		c.add(p.sel, p)
	}
	selects := map[*pol]int{}
	for _, w := range workloads {
		var matched []any
		try := func(p *pol) {
			if p.sel.matches(w.labels) {
				matched = append(matched, p.info)
				selects[p]++
			}
		}
		if c := byNS[w.ns]; c != nil {
			c.forLabels(w.labels, try)
		}
		clusterWide.forLabels(w.labels, try)
		sortByName(matched)
		if matched == nil {
			matched = []any{}
		}
		ix.rel(w.id)["networkPolicies"] = matched
	}
	for _, p := range pols {
		ix.rel(p.obj.ID())["selectedWorkloads"] = selects[p]
	}
	clusterPolicies := len(clusterWide.unkeyed)
	for _, l := range clusterWide.byPair {
		clusterPolicies += len(l)
	}
	for _, n := range namespaces {
		ix.rel(n.ID())["networkPolicies"] = perNS[n.Name] + clusterPolicies
	}
}

// policyTypes says which directions a NetworkPolicy polices, with the API server's defaulting:
// Ingress always unless policyTypes says otherwise; Egress when listed or when egress rules exist.
func policyTypes(spec map[string]any) (ingress, egress bool) {
	types := resource.Slice(spec, "policyTypes")
	if len(types) == 0 {
		_, hasEgress := spec["egress"]
		return true, hasEgress
	}
	for _, t := range types {
		switch t {
		case "Ingress":
			ingress = true
		case "Egress":
			egress = true
		}
	}
	return ingress, egress
}

// allowsAll reports whether a direction has a rule with no peers and no ports: it allows all
// traffic, so the direction is not restricted at all.
func allowsAll(spec map[string]any, dir string) bool {
	for _, r := range resource.Slice(spec, dir) {
		m, ok := r.(map[string]any)
		if !ok {
			continue
		}
		peers := "from"
		if dir == "egress" {
			peers = "to"
		}
		if len(resource.Slice(m, peers)) == 0 && len(resource.Slice(m, "ports")) == 0 {
			return true
		}
	}
	return false
}

// services relates workloads to the Services whose selector matches their pods, and Services
// to the workloads they select. It returns, per Service (namespace and name), the IDs of the
// workloads it selects.
func (ix *Index) services(workloads []workload, services []*resource.Object) map[saKey][]string {
	selected := map[saKey][]string{}
	type svc struct {
		obj  *resource.Object
		info map[string]any
		sel  selector
	}
	byNS := map[string]*candidates[*svc]{}
	for _, s := range services {
		spec := resource.Map(s.Object, "spec")
		typ := resource.String(spec, "type")
		if typ == "" {
			typ = "ClusterIP"
		}
		ports := resource.Slice(spec, "ports")
		if ports == nil {
			ports = []any{}
		}
		x := &svc{obj: s, sel: parseMapSelector(spec["selector"]), info: map[string]any{
			"name": s.Name, "namespace": s.Namespace, "type": typ, "ports": ports, "source": sourceOf(s),
		}}
		ns := nsKey(s.Namespace)
		c := byNS[ns]
		if c == nil {
			c = newCandidates[*svc]()
			byNS[ns] = c
		}
		c.add(x.sel, x)
		ix.rel(s.ID())["workloads"] = []any{}
	}
	for _, w := range workloads {
		var matched []any
		if c := byNS[w.ns]; c != nil {
			c.forLabels(w.labels, func(s *svc) {
				if s.sel.matches(w.labels) {
					matched = append(matched, s.info)
					appendRel(ix.rel(s.obj.ID()), "workloads", map[string]any{"kind": w.obj.Kind, "name": w.obj.Name, "namespace": w.obj.Namespace})
					k := saKey{w.ns, s.obj.Name}
					selected[k] = append(selected[k], w.id)
				}
			})
		}
		sortByName(matched)
		if matched == nil {
			matched = []any{}
		}
		ix.rel(w.id)["services"] = matched
	}
	return selected
}

// saKey identifies a service account.
type saKey struct{ ns, name string }

// serviceAccounts relates workloads to their service account and returns, per service account,
// the workloads that mount its token.
func (ix *Index) serviceAccounts(workloads []workload, sas []*resource.Object) map[saKey][]any {
	known := map[saKey]*resource.Object{}
	for _, sa := range sas {
		known[saKey{nsKey(sa.Namespace), sa.Name}] = sa
		ix.rel(sa.ID())["workloads"] = []any{}
	}
	mounts := map[saKey][]any{}
	for _, w := range workloads {
		name := resource.String(w.spec, "serviceAccountName")
		if name == "" {
			name = resource.String(w.spec, "serviceAccount")
		}
		if name == "" {
			name = "default"
		}
		key := saKey{w.ns, name}
		info := map[string]any{"name": name, "found": false}
		saAutomount, saSet := any(nil), false
		if sa := known[key]; sa != nil {
			info["found"] = true
			info["source"] = sourceOf(sa)
			if v, ok := sa.Object["automountServiceAccountToken"].(bool); ok {
				info["automountServiceAccountToken"] = v
				saAutomount, saSet = v, true
			}
			appendRel(ix.rel(sa.ID()), "workloads", map[string]any{"kind": w.obj.Kind, "name": w.obj.Name, "namespace": w.obj.Namespace})
		}
		ix.rel(w.id)["serviceAccount"] = info
		// The pod's own setting wins; otherwise the service account's; otherwise the token is
		// mounted.
		mounted := true
		if v, ok := w.spec["automountServiceAccountToken"].(bool); ok {
			mounted = v
		} else if saSet {
			mounted, _ = saAutomount.(bool)
		}
		if mounted {
			mounts[key] = append(mounts[key], map[string]any{"kind": w.obj.Kind, "name": w.obj.Name, "namespace": w.obj.Namespace})
		}
	}
	return mounts
}

// configMaps relates workloads to the ConfigMaps they reference (volumes, envFrom, env, and
// "--...configmap=[namespace/]name" arguments, the way ingress controllers name theirs).
func (ix *Index) configMaps(workloads []workload, cms []*resource.Object) {
	if len(cms) == 0 {
		return
	}
	byKey := map[saKey]*resource.Object{}
	for _, cm := range cms {
		byKey[saKey{nsKey(cm.Namespace), cm.Name}] = cm
	}
	for _, w := range workloads {
		refs := map[saKey]bool{}
		for _, v := range resource.Slice(w.spec, "volumes") {
			if n := resource.String(v, "configMap", "name"); n != "" {
				refs[saKey{w.ns, n}] = true
			}
		}
		for _, kind := range []string{"containers", "initContainers"} {
			for _, c := range resource.Slice(w.spec, kind) {
				for _, ef := range resource.Slice(c, "envFrom") {
					if n := resource.String(ef, "configMapRef", "name"); n != "" {
						refs[saKey{w.ns, n}] = true
					}
				}
				for _, e := range resource.Slice(c, "env") {
					if n := resource.String(e, "valueFrom", "configMapKeyRef", "name"); n != "" {
						refs[saKey{w.ns, n}] = true
					}
				}
				for _, list := range [][]any{resource.Slice(c, "command"), resource.Slice(c, "args")} {
					for i, a := range list {
						s, _ := a.(string)
						next := ""
						if i+1 < len(list) {
							next, _ = list[i+1].(string)
						}
						if k, ok := configMapArg(s, next, w.ns); ok {
							refs[k] = true
						}
					}
				}
			}
		}
		var found []any
		for k := range refs {
			if cm := byKey[k]; cm != nil {
				data := resource.Map(cm.Object, "data")
				if data == nil {
					data = map[string]any{}
				}
				found = append(found, map[string]any{"name": cm.Name, "namespace": cm.Namespace, "data": data, "source": sourceOf(cm)})
			}
		}
		if found != nil {
			sortByName(found)
			ix.rel(w.id)["configMaps"] = found
		}
	}
}

// configMapArg reads "--configmap=ns/name" and "--configmap ns/name" style arguments (any flag
// whose name mentions a configmap); next is the argument that follows.
func configMapArg(arg, next, ns string) (saKey, bool) {
	if !strings.HasPrefix(arg, "--") {
		return saKey{}, false
	}
	name, val, hasEq := strings.Cut(arg, "=")
	if !strings.Contains(strings.ToLower(name), "configmap") {
		return saKey{}, false
	}
	if !hasEq {
		if next == "" || strings.HasPrefix(next, "-") {
			return saKey{}, false
		}
		val = next
	}
	val = strings.ReplaceAll(val, "$(POD_NAMESPACE)", ns)
	if i := strings.IndexByte(val, '/'); i >= 0 {
		return saKey{nsKey(val[:i]), val[i+1:]}, true
	}
	return saKey{ns, val}, val != ""
}

func sortByName(list []any) {
	sort.SliceStable(list, func(i, j int) bool {
		a, _ := list[i].(map[string]any)
		b, _ := list[j].(map[string]any)
		an, _ := a["namespace"].(string)
		bn, _ := b["namespace"].(string)
		if an != bn {
			return an < bn
		}
		x, _ := a["name"].(string)
		y, _ := b["name"].(string)
		return x < y
	})
}
