// Package cluster reads the objects a scan needs from a live cluster: the kinds the selected
// controls and the index read, found by discovery, listed page by page and in parallel. Objects
// are kept once, as the plain values the engine reads, without the fields no control reads
// (managedFields, the last-applied annotation). A kind the user may not list, or that the
// server does not serve, never aborts the scan: it is reported, so that the controls that need
// it are skipped with the reason.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

// Options configure a cluster read.
type Options struct {
	// Kubeconfig is the kubeconfig file; empty follows kubectl's rules ($KUBECONFIG, ~/.kube/config,
	// in-cluster).
	Kubeconfig string
	// Context is the kubeconfig context; empty is the current one.
	Context string
	// IncludeNamespaces limits namespaced kinds to these namespaces; ExcludeNamespaces drops
	// these. Cluster-scoped objects are read either way.
	IncludeNamespaces []string
	ExcludeNamespaces []string
	// Kinds are the kinds to read.
	Kinds []resource.GroupKind
	// PageSize is the LIST page size (0 = 500).
	PageSize int64
	// Workers bounds the LISTs run at once (0 = 6).
	Workers int
	// Progress, when set, receives progress lines (a terminal).
	Progress io.Writer
}

// Info describes the cluster that was read.
type Info struct {
	Context string
	Server  string
	Version string
	// Unavailable maps kinds that could not be read to the reason (forbidden, error). The
	// controls that read them are skipped with that reason.
	Unavailable map[resource.GroupKind]string
}

// Config resolves the kubeconfig as kubectl does.
func Config(kubeconfig, kubeContext string) (*rest.Config, string, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if kubeconfig != "" {
		rules.ExplicitPath = kubeconfig
	}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: kubeContext}
	cc := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides)
	cfg, err := cc.ClientConfig()
	if err != nil {
		return nil, "", err
	}
	raw, err := cc.RawConfig()
	name := kubeContext
	if err == nil && name == "" {
		name = raw.CurrentContext
	}
	cfg.QPS, cfg.Burst = 100, 200
	cfg.UserAgent = "kubescape"
	// Deprecation warnings of the API server would go to the log on every LIST; the report is
	// where the scan speaks.
	cfg.WarningHandler = rest.NoWarnings{}
	return cfg, name, nil
}

// kindInfo is a kind as the server serves it.
type kindInfo struct {
	gk         resource.GroupKind
	gvr        schema.GroupVersionResource
	namespaced bool
}

// Load reads the objects of the selected kinds.
func Load(ctx context.Context, cfg *rest.Config, opts Options) (*source.Result, *Info, error) {
	if opts.PageSize <= 0 {
		opts.PageSize = 500
	}
	if opts.Workers <= 0 {
		opts.Workers = 6
	}
	info := &Info{Server: cfg.Host, Unavailable: map[resource.GroupKind]string{}}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, nil, err
	}
	if v, err := disc.ServerVersion(); err == nil {
		info.Version = v.GitVersion
	} else {
		return nil, nil, fmt.Errorf("cannot reach the cluster at %s: %w", cfg.Host, err)
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, nil, err
	}
	meta, err := metadata.NewForConfig(cfg)
	if err != nil {
		return nil, nil, err
	}
	res := &source.Result{}
	served, derr := servedKinds(disc)
	if derr != nil {
		// Some API groups failed discovery (an aggregated API that is down): the rest is read.
		res.Problems = append(res.Problems, source.Problem{Path: cfg.Host, Level: source.LevelSkipped,
			Message: "discovery incomplete: " + derr.Error()})
	}

	var todo []kindInfo
	seen := map[resource.GroupKind]bool{}
	for _, gk := range opts.Kinds {
		if seen[gk] {
			continue
		}
		seen[gk] = true
		if k, ok := served[gk]; ok {
			todo = append(todo, k)
		}
		// A kind the server does not serve has no objects: nothing to report.
	}
	sort.Slice(todo, func(i, j int) bool { return todo[i].gk.String() < todo[j].gk.String() })

	include := setOf(opts.IncludeNamespaces)
	exclude := setOf(opts.ExcludeNamespaces)
	type out struct {
		objs    []*resource.Object
		problem *source.Problem
		reason  string
	}
	results := make([]out, len(todo))
	var listed atomic.Int64
	var done atomic.Int32
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				k := todo[i]
				var namespaces []string
				if k.namespaced && len(include) > 0 {
					namespaces = opts.IncludeNamespaces
				} else {
					namespaces = []string{metav1.NamespaceAll}
				}
				for _, ns := range namespaces {
					objs, err := list(ctx, dyn, meta, k, ns, opts.PageSize, func(o *resource.Object) bool {
						return !k.namespaced || len(exclude) == 0 || !exclude[o.Namespace]
					})
					results[i].objs = append(results[i].objs, objs...)
					listed.Add(int64(len(objs)))
					if err != nil {
						reason, p := describe(k, ns, err, cfg.Host)
						results[i].reason, results[i].problem = reason, p
						break
					}
				}
				if n := done.Add(1); opts.Progress != nil {
					fmt.Fprintf(opts.Progress, "\rreading the cluster: %d/%d kinds, %d objects", n, len(todo), listed.Load())
				}
			}
		}()
	}
	for i := range todo {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	if opts.Progress != nil {
		fmt.Fprintf(opts.Progress, "\rread %d objects of %d kinds in %v\n", listed.Load(), len(todo), time.Since(start).Round(time.Millisecond))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	// The control-plane static pods in kube-system carry the flags the control-plane controls
	// read: read them even when namespace filters leave kube-system out.
	if k, ok := served[resource.GroupKind{Kind: "Pod"}]; ok && seen[k.gk] && namespaceFiltered(include, exclude, "kube-system") {
		objs, err := listSelected(ctx, dyn, k, "kube-system", "tier=control-plane")
		if err == nil {
			res.Objects = append(res.Objects, objs...)
		}
	}
	for i, r := range results {
		res.Objects = append(res.Objects, r.objs...)
		if r.problem != nil {
			res.Problems = append(res.Problems, *r.problem)
			info.Unavailable[todo[i].gk] = r.reason
		}
	}
	return res, info, nil
}

// describe turns a LIST error into the reason the controls are skipped with and the problem
// the report lists.
func describe(k kindInfo, ns string, err error, host string) (string, *source.Problem) {
	what := k.gvr.Resource
	if k.gvr.Group != "" {
		what += "." + k.gvr.Group
	}
	where := "in the cluster"
	if ns != "" {
		where = "in namespace " + ns
	}
	var reason string
	switch {
	case apierrors.IsForbidden(err):
		reason = fmt.Sprintf("cannot list %s %s: forbidden (missing permission: list %s)", what, where, what)
	case apierrors.IsUnauthorized(err):
		reason = fmt.Sprintf("cannot list %s: the credentials were refused", what)
	default:
		reason = fmt.Sprintf("cannot list %s %s: %v", what, where, err)
	}
	return reason, &source.Problem{Path: host, Level: source.LevelError, Message: reason}
}

// servedKinds maps each kind the server serves to its preferred version and resource.
func servedKinds(disc discovery.DiscoveryInterface) (map[resource.GroupKind]kindInfo, error) {
	lists, err := disc.ServerPreferredResources()
	out := map[resource.GroupKind]kindInfo{}
	for _, l := range lists {
		gv, perr := schema.ParseGroupVersion(l.GroupVersion)
		if perr != nil {
			continue
		}
		for _, r := range l.APIResources {
			if strings.Contains(r.Name, "/") || !hasVerb(r.Verbs, "list") {
				continue // subresources, and kinds that cannot be listed
			}
			gk := resource.GroupKind{Group: gv.Group, Kind: r.Kind}
			if _, dup := out[gk]; dup {
				continue
			}
			out[gk] = kindInfo{gk: gk, gvr: gv.WithResource(r.Name), namespaced: r.Namespaced}
		}
	}
	var partial *discovery.ErrGroupDiscoveryFailed
	if err != nil && !errors.As(err, &partial) {
		return out, err
	}
	if partial != nil {
		var groups []string
		for gv := range partial.Groups {
			groups = append(groups, gv.String())
		}
		sort.Strings(groups)
		return out, fmt.Errorf("API groups not discovered: %s", strings.Join(groups, ", "))
	}
	return out, nil
}

func hasVerb(verbs []string, v string) bool {
	for _, x := range verbs {
		if x == v {
			return true
		}
	}
	return false
}

// namespaceFiltered reports whether the namespace filters leave ns out.
func namespaceFiltered(include, exclude map[string]bool, ns string) bool {
	return (len(include) > 0 && !include[ns]) || exclude[ns]
}

// listSelected lists the objects of a kind in a namespace that match a label selector.
func listSelected(ctx context.Context, dyn dynamic.Interface, k kindInfo, ns, selector string) ([]*resource.Object, error) {
	page, err := dyn.Resource(k.gvr).Namespace(ns).List(ctx, metav1.ListOptions{LabelSelector: selector})
	if err != nil {
		return nil, err
	}
	out := make([]*resource.Object, 0, len(page.Items))
	for i := range page.Items {
		out = append(out, object(&page.Items[i], k.gvr.GroupVersion().String(), k.gk.Kind))
	}
	return out, nil
}

func setOf(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// metadataOnly are kinds read without their content: no control reads a Secret's data, and a
// scanner should not hold every credential of the cluster in memory.
var metadataOnly = map[resource.GroupKind]bool{{Kind: "Secret"}: true}

// list reads one kind page by page and converts each item as it comes.
func list(ctx context.Context, dyn dynamic.Interface, meta metadata.Interface, k kindInfo, ns string, pageSize int64, keep func(*resource.Object) bool) ([]*resource.Object, error) {
	apiVersion := k.gvr.GroupVersion().String()
	namespaced := k.namespaced && ns != ""
	var page func(metav1.ListOptions) ([]*resource.Object, string, error)
	if metadataOnly[k.gk] {
		ri := metadata.ResourceInterface(meta.Resource(k.gvr))
		if namespaced {
			ri = meta.Resource(k.gvr).Namespace(ns)
		}
		page = func(opts metav1.ListOptions) ([]*resource.Object, string, error) {
			l, err := ri.List(ctx, opts)
			if err != nil {
				return nil, "", err
			}
			objs := make([]*resource.Object, len(l.Items))
			for i := range l.Items {
				objs[i] = metadataObject(&l.Items[i].ObjectMeta, apiVersion, k.gk.Kind)
			}
			return objs, l.Continue, nil
		}
	} else {
		ri := dynamic.ResourceInterface(dyn.Resource(k.gvr))
		if namespaced {
			ri = dyn.Resource(k.gvr).Namespace(ns)
		}
		page = func(opts metav1.ListOptions) ([]*resource.Object, string, error) {
			l, err := ri.List(ctx, opts)
			if err != nil {
				return nil, "", err
			}
			objs := make([]*resource.Object, len(l.Items))
			for i := range l.Items {
				objs[i] = object(&l.Items[i], apiVersion, k.gk.Kind)
			}
			return objs, l.GetContinue(), nil
		}
	}
	var out []*resource.Object
	opts := metav1.ListOptions{Limit: pageSize}
	for {
		objs, cont, err := page(opts)
		if err != nil {
			return out, err
		}
		for _, o := range objs {
			if keep(o) {
				out = append(out, o)
			}
		}
		if cont == "" {
			return out, nil
		}
		opts.Continue = cont
	}
}

// metadataObject builds a scan object from an object's metadata alone.
func metadataObject(m *metav1.ObjectMeta, apiVersion, kind string) *resource.Object {
	md := map[string]any{"name": m.Name}
	if m.Namespace != "" {
		md["namespace"] = m.Namespace
	}
	if len(m.Labels) > 0 {
		md["labels"] = stringMap(m.Labels)
	}
	if len(m.Annotations) > 0 {
		ann := stringMap(m.Annotations)
		delete(ann, "kubectl.kubernetes.io/last-applied-configuration")
		md["annotations"] = ann
	}
	obj := map[string]any{"apiVersion": apiVersion, "kind": kind, "metadata": md}
	return &resource.Object{APIVersion: apiVersion, Kind: kind, Namespace: m.Namespace, Name: m.Name, Object: obj, Source: resource.Source{Item: -1}}
}

func stringMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// object turns a listed item into a scan object, dropping what no control reads.
func object(u *unstructured.Unstructured, apiVersion, kind string) *resource.Object {
	m := u.Object
	if m["apiVersion"] == nil {
		m["apiVersion"] = apiVersion
	}
	if m["kind"] == nil {
		m["kind"] = kind
	}
	// Status is read only from Nodes (versions, OS image, runtime) and DaemonSets (how many
	// pods they run, for the risk weight); elsewhere it is large (Pods) and never read.
	switch kind {
	case "Node":
	case "DaemonSet":
		if st, ok := m["status"].(map[string]any); ok {
			m["status"] = map[string]any{"desiredNumberScheduled": st["desiredNumberScheduled"]}
		}
	default:
		delete(m, "status")
	}
	if meta, ok := m["metadata"].(map[string]any); ok {
		delete(meta, "managedFields")
		if ann, ok := meta["annotations"].(map[string]any); ok {
			delete(ann, "kubectl.kubernetes.io/last-applied-configuration")
		}
	}
	av, _ := m["apiVersion"].(string)
	k, _ := m["kind"].(string)
	return &resource.Object{APIVersion: av, Kind: k, Namespace: u.GetNamespace(), Name: u.GetName(), Object: m, Source: resource.Source{Item: -1}}
}
