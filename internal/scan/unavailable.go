package scan

import (
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// relationWords maps the kinds the index reads to the words by which rules read what the index
// built from them (relation keys, index entries). A control whose rule, or a library module it
// imports, holds one of the words cannot be trusted when that kind could not be read: it would
// see "no NetworkPolicy selects this pod" where it could not look.
var relationWords = map[resource.GroupKind][]string{
	{Group: "networking.k8s.io", Kind: "NetworkPolicy"}:          {"networkPolicies", "selectedWorkloads"},
	{Group: "cilium.io", Kind: "CiliumNetworkPolicy"}:            {"networkPolicies", "selectedWorkloads"},
	{Group: "cilium.io", Kind: "CiliumClusterwideNetworkPolicy"}: {"networkPolicies", "selectedWorkloads"},
	{Kind: "Service"}:        {"services", "backends"},
	{Kind: "ServiceAccount"}: {"serviceAccount"},
	{Kind: "ConfigMap"}:      {"configMaps"},
	{Kind: "Namespace"}:      {"related.namespace"}, // the namespace's labels (Pod Security levels)
	{Kind: "Node"}:           {"nodes", "cloudProvider"},
	{Group: "rbac.authorization.k8s.io", Kind: "Role"}:                              {"bindings", "grants"},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:                       {"bindings", "grants"},
	{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:                       {"bindings", "grants"},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}:                {"bindings", "grants"},
	{Group: "networking.k8s.io", Kind: "Ingress"}:                                   {"ingresses", "backends"},
	{Group: "gateway.networking.k8s.io", Kind: "HTTPRoute"}:                         {"routes", "backends"},
	{Group: "networking.istio.io", Kind: "VirtualService"}:                          {"routes", "virtualServices"},
	{Group: "storage.k8s.io", Kind: "StorageClass"}:                                 {"storageClass"},
	{Kind: "PersistentVolume"}:                                                      {"storageClass"},
	{Group: "admissionregistration.k8s.io", Kind: "ValidatingWebhookConfiguration"}: {"webhooks"},
	{Group: "admissionregistration.k8s.io", Kind: "MutatingWebhookConfiguration"}:   {"webhooks"},
}

var (
	importRe = regexp.MustCompile(`(?m)^import data\.kubescape\.lib\.([a-z_]+)`)
	rbacKind = map[string]bool{"Role": true, "ClusterRole": true, "RoleBinding": true, "ClusterRoleBinding": true}
)

// moduleTexts maps the library's module paths to their text (test modules left out).
func moduleTexts(lib *policy.Library) map[string]string {
	byPath := map[string]string{}
	for _, m := range lib.Modules {
		if !m.Test {
			byPath[m.Path] = m.Text
		}
	}
	return byPath
}

// controlText is the text of a control's rule and of the library modules it imports.
func controlText(byPath map[string]string, ctl *policy.Control) string {
	rule := byPath[path.Join(ctl.Dir, "rule.rego")]
	var b strings.Builder
	b.WriteString(rule)
	for _, m := range importRe.FindAllStringSubmatch(rule, -1) {
		b.WriteString(byPath[path.Join("lib", m[1]+".rego")])
	}
	return b.String()
}

// unavailableReason says why a control cannot be evaluated when some kinds could not be read
// from the cluster, or "".
func unavailableReason(ctl *policy.Control, unavailable map[resource.GroupKind]string, texts map[string]string) string {
	if len(unavailable) == 0 {
		return ""
	}
	var reasons []string
	add := func(r string) {
		for _, x := range reasons {
			if x == r {
				return
			}
		}
		reasons = append(reasons, r)
	}
	for _, gk := range ctl.Kinds {
		if r, ok := unavailable[gk]; ok {
			add(r)
		}
		// The synthesized RBAC subjects are made from the roles and bindings.
		if gk.Group == "kubescape.io" {
			for u, r := range unavailable {
				if u.Group == "rbac.authorization.k8s.io" && rbacKind[u.Kind] {
					add(r)
				}
			}
		}
	}
	for _, k := range ctl.RequiresKinds {
		if r, ok := unavailable[policy.ParseKind(k)]; ok {
			add(r)
		}
	}
	text := ""
	for gk, r := range unavailable {
		words := relationWords[gk]
		if len(words) == 0 {
			continue
		}
		if text == "" {
			text = controlText(texts, ctl)
		}
		for _, w := range words {
			if strings.Contains(text, w) {
				add(r)
				break
			}
		}
	}
	sort.Strings(reasons)
	return strings.Join(reasons, "; ")
}
