package index

import (
	"fmt"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// serviceAccountBindings gives workloads and ServiceAccount objects the RBAC bindings of their
// service account (entries as in the synthesized subjects' "bindings"), including those granted
// to its user name and to the system:serviceaccounts groups.
func (ix *Index) serviceAccountBindings(workloads []workload, sas []*resource.Object) {
	for _, w := range workloads {
		info, _ := ix.rel(w.id)["serviceAccount"].(map[string]any)
		if info == nil {
			continue
		}
		name, _ := info["name"].(string)
		info["bindings"] = ix.serviceAccountGrants(saKey{w.ns, name})
	}
	for _, sa := range sas {
		ix.rel(sa.ID())["bindings"] = ix.serviceAccountGrants(saKey{nsKey(sa.Namespace), sa.Name})
	}
}

// namespaces gives each Namespace the names of the ServiceAccounts the input holds in it, and
// each workload its Namespace's labels ("namespace": {name, found, labels}), for rules that
// depend on the namespace's Pod Security Admission level.
func (ix *Index) namespaces(namespaces, sas []*resource.Object, workloads []workload) {
	byName := map[string]*resource.Object{}
	for _, n := range namespaces {
		byName[n.Name] = n
	}
	for _, w := range workloads {
		info := map[string]any{"name": w.ns, "found": false, "labels": map[string]any{}}
		if n := byName[w.ns]; n != nil {
			info["found"] = true
			if l := resource.Map(n.Object, "metadata", "labels"); l != nil {
				info["labels"] = l
			}
		}
		ix.rel(w.id)["namespace"] = info
	}
	perNS := map[string][]any{}
	for _, sa := range sas {
		ns := nsKey(sa.Namespace)
		perNS[ns] = append(perNS[ns], sa.Name)
	}
	for _, n := range namespaces {
		list := perNS[n.Name]
		if list == nil {
			list = []any{}
		}
		ix.rel(n.ID())["serviceAccounts"] = list
	}
}

var (
	gkIngress     = resource.GroupKind{Group: "networking.k8s.io", Kind: "Ingress"}
	gkIngressOld  = resource.GroupKind{Group: "extensions", Kind: "Ingress"}
	gkHPA         = resource.GroupKind{Group: "autoscaling", Kind: "HorizontalPodAutoscaler"}
	gkPV          = resource.GroupKind{Kind: "PersistentVolume"}
	gkStorage     = resource.GroupKind{Group: "storage.k8s.io", Kind: "StorageClass"}
	gkVirtualSvc  = resource.GroupKind{Group: "networking.istio.io", Kind: "VirtualService"}
	gatewayRoutes = []string{"HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute"}
)

// exposure relates Ingresses and Gateway API / Istio routes to the Services they send traffic to
// ("backends", with found: false for a Service the input does not hold), and workloads to the
// Ingresses and routes that reach them through a Service.
func (ix *Index) exposure(byKind map[resource.GroupKind][]*resource.Object, services []*resource.Object, selected map[saKey][]string) {
	svcByKey := map[saKey]*resource.Object{}
	for _, s := range services {
		svcByKey[saKey{nsKey(s.Namespace), s.Name}] = s
	}
	reach := func(w string, entry map[string]any, key string) {
		appendRel(ix.rel(w), key, entry)
	}
	for _, gk := range []resource.GroupKind{gkIngress, gkIngressOld} {
		for _, ing := range byKind[gk] {
			ns := nsKey(ing.Namespace)
			spec := resource.Map(ing.Object, "spec")
			tls := len(resource.Slice(spec, "tls")) > 0
			entry := map[string]any{"kind": ing.Kind, "name": ing.Name, "namespace": ing.Namespace, "tls": tls, "source": sourceOf(ing)}
			var backends []any
			seen := map[string]bool{}
			add := func(path string, name string, port any) {
				if name == "" {
					return
				}
				_, found := svcByKey[saKey{ns, name}]
				backends = append(backends, map[string]any{"service": name, "port": port, "found": found, "path": path})
				if !seen[name] {
					seen[name] = true
					for _, w := range selected[saKey{ns, name}] {
						reach(w, entry, "ingresses")
					}
				}
			}
			if b := resource.Map(spec, "defaultBackend"); b != nil {
				add("spec.defaultBackend", resource.String(b, "service", "name"), resource.Lookup(b, "service", "port"))
			}
			if b := resource.Map(spec, "backend"); b != nil { // extensions/v1beta1
				add("spec.backend", resource.String(b, "serviceName"), b["servicePort"])
			}
			for i, r := range resource.Slice(spec, "rules") {
				for j, p := range resource.Slice(r, "http", "paths") {
					path := fmt.Sprintf("spec.rules[%d].http.paths[%d].backend", i, j)
					if n := resource.String(p, "backend", "service", "name"); n != "" {
						add(path+".service.name", n, resource.Lookup(p, "backend", "service", "port"))
					} else if n := resource.String(p, "backend", "serviceName"); n != "" {
						add(path+".serviceName", n, resource.Lookup(p, "backend", "servicePort"))
					}
				}
			}
			if backends == nil {
				backends = []any{}
			}
			ix.rel(ing.ID())["backends"] = backends
		}
	}
	for gk, objs := range byKind {
		if gk.Group != "gateway.networking.k8s.io" || !isRoute(gk.Kind) {
			continue
		}
		for _, rt := range objs {
			ns := nsKey(rt.Namespace)
			entry := map[string]any{"kind": rt.Kind, "name": rt.Name, "namespace": rt.Namespace, "source": sourceOf(rt)}
			var backends []any
			for i, rule := range resource.Slice(rt.Object, "spec", "rules") {
				for j, ref := range resource.Slice(rule, "backendRefs") {
					kind := resource.String(ref, "kind")
					group := resource.String(ref, "group")
					if (kind != "" && kind != "Service") || group != "" {
						continue // not a core Service: nothing to check here
					}
					name := resource.String(ref, "name")
					bns := resource.String(ref, "namespace")
					key := saKey{ns, name}
					if bns != "" {
						key.ns = nsKey(bns)
					}
					_, found := svcByKey[key]
					backends = append(backends, map[string]any{
						"service": name, "namespace": bns, "port": resource.Lookup(ref, "port"), "found": found,
						"path": fmt.Sprintf("spec.rules[%d].backendRefs[%d]", i, j),
					})
					for _, w := range selected[key] {
						reach(w, entry, "routes")
					}
				}
			}
			if backends == nil {
				backends = []any{}
			}
			ix.rel(rt.ID())["backends"] = backends
		}
	}
	for _, vs := range byKind[gkVirtualSvc] {
		ns := nsKey(vs.Namespace)
		entry := map[string]any{"kind": vs.Kind, "name": vs.Name, "namespace": vs.Namespace, "gateways": resource.Slice(vs.Object, "spec", "gateways"), "source": sourceOf(vs)}
		seen := map[saKey]bool{}
		for _, proto := range []string{"http", "tcp", "tls"} {
			for _, r := range resource.Slice(vs.Object, "spec", proto) {
				for _, d := range resource.Slice(r, "route") {
					key, ok := istioHost(resource.String(d, "destination", "host"), ns)
					if !ok || seen[key] {
						continue
					}
					seen[key] = true
					for _, w := range selected[key] {
						reach(w, entry, "routes")
					}
				}
			}
		}
	}
}

func isRoute(kind string) bool {
	for _, k := range gatewayRoutes {
		if k == kind {
			return true
		}
	}
	return false
}

// istioHost resolves an Istio destination host (name, name.ns, name.ns.svc.cluster.local) to a
// Service key.
func istioHost(host, ns string) (saKey, bool) {
	if host == "" || strings.Contains(host, "*") {
		return saKey{}, false
	}
	parts := strings.Split(host, ".")
	switch {
	case len(parts) == 1:
		return saKey{ns, parts[0]}, true
	case len(parts) == 2 || (len(parts) >= 3 && parts[2] == "svc"):
		return saKey{nsKey(parts[1]), parts[0]}, true
	}
	return saKey{}, false // an external host
}

// autoscalers relates HorizontalPodAutoscalers to their scale target ("target", found: false when
// the input does not hold it).
func (ix *Index) autoscalers(byKind map[resource.GroupKind][]*resource.Object, workloads []workload) {
	type key struct{ kind, ns, name string }
	present := map[key]bool{}
	for _, w := range workloads {
		present[key{w.obj.Kind, w.ns, w.obj.Name}] = true
	}
	for gk, objs := range byKind {
		if gk.Kind != gkHPA.Kind || gk.Group != gkHPA.Group {
			continue
		}
		for _, h := range objs {
			ref := resource.Map(h.Object, "spec", "scaleTargetRef")
			kind, name := resource.String(ref, "kind"), resource.String(ref, "name")
			ix.rel(h.ID())["target"] = map[string]any{
				"kind": kind, "name": name, "apiVersion": resource.String(ref, "apiVersion"),
				"found": present[key{kind, nsKey(h.Namespace), name}],
			}
		}
	}
}

// storage relates PersistentVolumes to their StorageClass ("storageClass": name, found,
// provisioner, parameters).
func (ix *Index) storage(byKind map[resource.GroupKind][]*resource.Object) {
	classes := map[string]*resource.Object{}
	for _, sc := range byKind[gkStorage] {
		classes[sc.Name] = sc
	}
	for _, pv := range byKind[gkPV] {
		name := resource.String(pv.Object, "spec", "storageClassName")
		info := map[string]any{"name": name, "found": false}
		if sc := classes[name]; sc != nil {
			params := resource.Map(sc.Object, "parameters")
			if params == nil {
				params = map[string]any{}
			}
			info["found"], info["provisioner"], info["parameters"] = true, resource.String(sc.Object, "provisioner"), params
			info["source"] = sourceOf(sc)
		}
		ix.rel(pv.ID())["storageClass"] = info
	}
}

// admissionWebhooks lists the admission webhook configurations of the input, for controls that
// accept an external policy engine (Kyverno, Gatekeeper, ...) instead of Pod Security Admission.
func (ix *Index) admissionWebhooks(byKind map[resource.GroupKind][]*resource.Object) {
	for _, kind := range []string{"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"} {
		for _, o := range byKind[resource.GroupKind{Group: "admissionregistration.k8s.io", Kind: kind}] {
			var hooks []any
			for _, h := range resource.Slice(o.Object, "webhooks") {
				hooks = append(hooks, map[string]any{
					"name":             resource.String(h, "name"),
					"service":          resource.String(h, "clientConfig", "service", "name"),
					"serviceNamespace": resource.String(h, "clientConfig", "service", "namespace"),
					"url":              resource.String(h, "clientConfig", "url"),
				})
			}
			if hooks == nil {
				hooks = []any{}
			}
			ix.webhooks = append(ix.webhooks, map[string]any{"kind": kind, "name": o.Name, "webhooks": hooks})
		}
	}
}

// Kinds lists every kind the index reads to build its relations, so that a live-cluster scan
// lists them even when no selected control matches them.
func Kinds() []resource.GroupKind {
	out := []resource.GroupKind{
		{Group: "networking.k8s.io", Kind: "NetworkPolicy"},
		{Group: "cilium.io", Kind: "CiliumNetworkPolicy"},
		{Group: "cilium.io", Kind: "CiliumClusterwideNetworkPolicy"},
		{Kind: "Service"}, {Kind: "Namespace"}, {Kind: "ServiceAccount"}, {Kind: "ConfigMap"}, {Kind: "Node"},
		{Group: "rbac.authorization.k8s.io", Kind: "Role"}, {Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"},
		{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}, {Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"},
		gkIngress, gkHPA, gkPV, gkStorage, gkVirtualSvc,
		{Group: "admissionregistration.k8s.io", Kind: "ValidatingWebhookConfiguration"},
		{Group: "admissionregistration.k8s.io", Kind: "MutatingWebhookConfiguration"},
	}
	for _, k := range gatewayRoutes {
		out = append(out, resource.GroupKind{Group: "gateway.networking.k8s.io", Kind: k})
	}
	return out
}
