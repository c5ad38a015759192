// Package scan runs the chain every scan form shares, after the objects are read: build the
// index, evaluate the prepared controls, locate findings in their source, and score the result.
// The CLI, the library tests and (later) the operator call it in-process.
package scan

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/exceptions"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/index"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/score"
	"github.com/kubescape-ng/kubescape/internal/source"
)

// Target says what kind of input a scan reads; it decides how cluster-only controls behave.
type Target string

// Targets.
const (
	TargetFiles   Target = "files"
	TargetCluster Target = "cluster"
)

// Selection is what a scan checks: controls (in report order) and the frameworks they came from.
type Selection struct {
	ControlIDs []string
	Frameworks []*policy.Framework
}

// Scanner holds prepared engines for one selection. It can scan many object sets.
type Scanner struct {
	lib      *policy.Library
	compiled *policy.Compiled
	sel      Selection
	opts     engine.Options
	fwOf     map[string][]string

	mu sync.Mutex
	// engines are keyed by the controls they evaluate: controls skipped as a whole (missing
	// configuration or kinds) are left out of evaluation, not evaluated and then dropped.
	engines map[string]*engine.Engine
}

// New prepares a scanner: every implemented control of the selection is compiled into the
// engine once.
func New(ctx context.Context, c *policy.Compiled, sel Selection, opts engine.Options) (*Scanner, error) {
	fwOf := map[string][]string{}
	for _, fw := range sel.Frameworks {
		for _, id := range fw.Controls {
			fwOf[id] = append(fwOf[id], fw.Name)
		}
	}
	// Engines are prepared on the first scan, for the controls that scan can evaluate.
	return &Scanner{lib: c.Library, compiled: c, sel: sel, opts: opts, fwOf: fwOf, engines: map[string]*engine.Engine{}}, nil
}

// engine returns the prepared engine for a set of controls, preparing it on first use.
func (s *Scanner) engineFor(ctx context.Context, ctls []*policy.Control) (*engine.Engine, error) {
	ids := make([]string, len(ctls))
	for i, c := range ctls {
		ids[i] = c.ID
	}
	key := strings.Join(ids, ",")
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.engines[key]; e != nil {
		return e, nil
	}
	e, err := engine.New(ctx, s.compiled, ctls, s.opts)
	if err != nil {
		return nil, err
	}
	s.engines[key] = e
	return e, nil
}

// Kinds lists the kinds a scan of the selected controls reads: those the controls match or
// require, and those the index builds its relations from. A cluster scan lists exactly these.
func (s *Scanner) Kinds() []resource.GroupKind { return KindsOf(s.lib, s.sel) }

// KindsOf is Scanner.Kinds from the library's metadata alone, before it is compiled.
func KindsOf(lib *policy.Library, sel Selection) []resource.GroupKind {
	seen := map[resource.GroupKind]bool{}
	var out []resource.GroupKind
	add := func(gk resource.GroupKind) {
		if gk.Group == "kubescape.io" || seen[gk] {
			return
		}
		seen[gk] = true
		out = append(out, gk)
	}
	for _, id := range sel.ControlIDs {
		ctl := lib.Control(id)
		if ctl == nil {
			continue
		}
		for _, gk := range ctl.Kinds {
			add(gk)
		}
		for _, k := range ctl.RequiresKinds {
			add(policy.ParseKind(k))
		}
	}
	for _, gk := range index.Kinds() {
		add(gk)
	}
	return out
}

// Options for one scan.
type Options struct {
	Target Target
	// Inputs are the control inputs; nil means the library's defaults.
	Inputs map[string][]string
	// Locator resolves finding paths to source lines; nil leaves lines at the object's line.
	Locator source.Locator
	// Unavailable lists the kinds a cluster scan could not read, with the reason: the controls
	// that read them, directly or through the index, are skipped with it.
	Unavailable map[resource.GroupKind]string
	// Exceptions are the accepted risks of the scan (nil: none). Inline applies the
	// kubescape.io/skip-controls annotations of the objects. Now decides expiry.
	Exceptions *exceptions.Set
	Inline     bool
	// Cluster is the cluster name exceptions match their cluster attribute against.
	Cluster string
	// InNamespace, when set, says whether a namespace is scanned (cluster scans with namespace
	// filters): the RBAC subjects the index synthesizes from cluster-wide bindings are kept
	// only for the namespaces scanned.
	InNamespace func(string) bool
}

// Result is a scan's report with the raw per-resource results it was computed from.
type Result struct {
	Report  *finding.Report
	Results []finding.Result
	// Engine tells how the objects were evaluated (for tests and performance work).
	Engine engine.Stats
}

// Scan evaluates the objects and builds the report.
func (s *Scanner) Scan(ctx context.Context, objs []*resource.Object, opts Options) (*Result, error) {
	inputs := opts.Inputs
	if inputs == nil {
		inputs = s.lib.Inputs
	}
	idx := index.Build(objs)
	all := make([]*resource.Object, 0, len(objs)+len(idx.Subjects))
	managed := 0
	for _, o := range objs {
		if idx.Managed(o) {
			managed++
			continue
		}
		all = append(all, o)
	}
	for _, sub := range idx.Subjects {
		if opts.InNamespace != nil && sub.Namespace != "" && !opts.InNamespace(sub.Namespace) {
			continue
		}
		all = append(all, sub)
	}
	inputData := make(map[string]any, len(inputs))
	for k, v := range inputs {
		list := make([]any, len(v))
		for i, x := range v {
			list[i] = x
		}
		inputData[k] = list
	}
	ixData := idx.Data()
	ixData["target"] = string(opts.Target)
	data := map[string]any{"index": ixData, "inputs": inputData}

	specs := s.specs(idx, inputs, opts.Target, opts.Unavailable)
	var active []*policy.Control
	for _, sp := range specs {
		if ctl := s.lib.Control(sp.ID); ctl != nil && sp.SkipReason == "" {
			active = append(active, ctl)
		}
	}
	eng, err := s.engineFor(ctx, active)
	if err != nil {
		return nil, err
	}
	results, err := eng.Evaluate(ctx, all, data)
	if err != nil {
		return nil, err
	}
	if opts.Locator != nil {
		for i := range results {
			r := &results[i]
			for j := range r.Findings {
				locateFinding(idx, opts.Locator, r.Object, &r.Findings[j])
			}
		}
	}
	var audit *exceptions.Audit
	var inlineExceptions []*exceptions.Exception
	set := opts.Exceptions
	if set == nil && opts.Inline {
		set = &exceptions.Set{Now: time.Now()}
	}
	if set != nil {
		audit, inlineExceptions = set.Apply(results, s.controlInfo, opts.Cluster, opts.Inline)
	}
	var fws []score.FrameworkSpec
	for _, fw := range s.sel.Frameworks {
		fws = append(fws, score.FrameworkSpec{Name: fw.Name, Description: fw.Description, ControlIDs: fw.Controls,
			Numbers: fw.Numbering, Sections: sectionSpecs(fw)})
	}
	rep := score.Build(score.Input{Controls: specs, Frameworks: fws, Results: results, Objects: len(objs)})
	if set != nil {
		rep.Exceptions = auditReport(append(append([]*exceptions.Exception(nil), set.Exceptions...), inlineExceptions...), audit, set.Now)
	}
	rep.Summary.ManagedObjects = managed
	return &Result{Report: rep, Results: results, Engine: eng.Stats()}, nil
}

// specs describes every selected control for scoring, deciding which are skipped as a whole.
func (s *Scanner) specs(idx *index.Index, inputs map[string][]string, target Target, unavailable map[resource.GroupKind]string) []score.ControlSpec {
	specs := make([]score.ControlSpec, 0, len(s.sel.ControlIDs))
	var texts map[string]string // module texts, read once when kinds are unavailable
	for _, id := range s.sel.ControlIDs {
		sp := score.ControlSpec{ID: id, Frameworks: s.fwOf[id]}
		sort.Strings(sp.Frameworks)
		if e := s.lib.Entry(id); e != nil {
			sp.Name, sp.BaseScore, sp.Category = e.Name, e.BaseScore, e.Category
			sp.Description, sp.Remediation = strings.TrimSpace(e.Description), strings.TrimSpace(e.Remediation)
		}
		ctl := s.lib.Control(id)
		if ctl == nil {
			sp.SkipReason = s.lib.SkipReason(id)
			specs = append(specs, sp)
			continue
		}
		sp.Description, sp.Remediation = strings.TrimSpace(ctl.Description), strings.TrimSpace(ctl.Remediation)
		sp.SkipReason = skipReason(ctl, idx, inputs)
		if sp.SkipReason == "" && len(unavailable) > 0 {
			if texts == nil {
				texts = moduleTexts(s.lib)
			}
			sp.SkipReason = unavailableReason(ctl, unavailable, texts)
		}
		if target == TargetFiles && !ctl.HasScope(policy.ScopeFile) {
			sp.SkipIfNothingMatched = "applies to live clusters: the input holds nothing it can evaluate"
		}
		specs = append(specs, sp)
	}
	return specs
}

// skipReason says why an implemented control cannot be evaluated on this input, or "".
func skipReason(ctl *policy.Control, idx *index.Index, inputs map[string][]string) string {
	if ctl.RequiresConfiguration {
		empty := true
		for _, in := range ctl.Inputs {
			if len(inputs[in]) > 0 {
				empty = false
			}
		}
		if empty {
			return fmt.Sprintf("needs configuration: set %s in the controls configuration", strings.Join(ctl.Inputs, " or "))
		}
	}
	if len(ctl.Providers) > 0 {
		ok := false
		for _, p := range ctl.Providers {
			ok = ok || p == idx.CloudProvider()
		}
		if !ok {
			return fmt.Sprintf("applies to %s clusters only, and nothing in the input shows one (their Node objects tell)", strings.ToUpper(strings.Join(ctl.Providers, "/")))
		}
	}
	var missing []string
	for _, k := range ctl.RequiresKinds {
		if idx.Has(policy.ParseKind(k)) == 0 {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return fmt.Sprintf("needs %s objects, which the input does not hold (scan a live cluster, or include them)", strings.Join(missing, ", "))
	}
	return ""
}

// locateFinding places every path of a finding in the source, and sets the finding's line
// (and file) from its first path.
func locateFinding(idx *index.Index, loc source.Locator, obj *resource.Object, f *finding.Finding) {
	f.Line = obj.Source.Line
	if obj.Source.Line == 0 || obj.Source.Generated != nil {
		return
	}
	first := true
	f.EachPath(func(kind, path string) {
		target, rest, approx := obj, path, false
		if obj.Synthetic {
			target, rest, approx = subjectTarget(idx, obj, path)
		}
		l := source.Location{Position: resource.Position{Line: target.Source.Line, Column: target.Source.Column}, Exact: rest == ""}
		if rest != "" {
			l = loc.Locate(target, rest)
		}
		if l.Line == 0 {
			return
		}
		at := finding.Location{Kind: kind, Path: path, Line: l.Line, Column: l.Column, Parent: approx || !l.Exact}
		if target.Source.Path != obj.Source.Path {
			at.File = target.Source.Path
		}
		f.Locations = append(f.Locations, at)
		if first {
			first = false
			f.Line, f.File = at.Line, at.File
		}
	})
}

// subjectTarget resolves a path of a finding on a synthesized RBAC subject to the object that
// grants the permission and the path inside it: "bindings[i].role.rules[j]..." is rules[j] of
// the role's own file, "bindings[i].role.name" the binding's roleRef, "bindings[i].name" the
// binding's name. approx is set when the answer is only the nearest object, not the field.
func subjectTarget(idx *index.Index, subject *resource.Object, path string) (target *resource.Object, rest string, approx bool) {
	elems, err := finding.ParsePath(path)
	if err != nil || len(elems) < 2 || elems[0].Key != "bindings" || !elems[1].IsIndex {
		return subject, "", true
	}
	grants := idx.Grants(subject)
	if elems[1].Index >= len(grants) {
		return subject, "", true
	}
	g := grants[elems[1].Index]
	tail := elems[2:]
	if len(tail) == 0 {
		return g.Binding, "", false
	}
	switch tail[0].Key {
	case "name", "namespace":
		return g.Binding, "metadata." + tail[0].Key, false
	case "kind":
		return g.Binding, "kind", false
	case "role":
		if len(tail) == 1 {
			return g.Binding, "roleRef", false
		}
		switch tail[1].Key {
		case "name", "kind":
			return g.Binding, "roleRef." + tail[1].Key, false
		}
		if g.Role == nil {
			return g.Binding, "roleRef", true // a built-in role: the binding is the place to change
		}
		return g.Role, finding.FormatPath(tail[1:]), false
	}
	return g.Binding, "", true
}

// sectionSpecs places each numbered control of a framework in the deepest section its number
// falls in.
func sectionSpecs(fw *policy.Framework) []score.SectionSpec {
	if len(fw.Sections) == 0 {
		return nil
	}
	direct := map[*policy.Section][]string{}
	for _, id := range fw.Controls {
		if path := fw.SectionOf(fw.Numbering[id]); len(path) > 0 {
			last := path[len(path)-1]
			direct[last] = append(direct[last], id)
		}
	}
	var build func([]*policy.Section) []score.SectionSpec
	build = func(secs []*policy.Section) []score.SectionSpec {
		var out []score.SectionSpec
		for _, sec := range secs {
			out = append(out, score.SectionSpec{ID: sec.ID, Name: sec.Name, ControlIDs: direct[sec], Sections: build(sec.Sections)})
		}
		return out
	}
	return build(fw.Sections)
}

// controlInfo is what exceptions match a control against.
func (s *Scanner) controlInfo(id string) exceptions.ControlInfo {
	ci := exceptions.ControlInfo{ID: id}
	if e := s.lib.Entry(id); e != nil {
		ci.BaseScore = e.BaseScore
	}
	ci.Frameworks = append(ci.Frameworks, s.fwOf[id]...)
	for _, fw := range s.sel.Frameworks {
		for _, c := range fw.Controls {
			if c == id {
				ci.Frameworks = append(ci.Frameworks, fw.ID)
			}
		}
	}
	return ci
}

// auditReport lists what every exception did: matches, expiry, staleness.
func auditReport(all []*exceptions.Exception, audit *exceptions.Audit, now time.Time) []finding.ExceptionAudit {
	out := make([]finding.ExceptionAudit, 0, len(all))
	for _, e := range all {
		a := finding.ExceptionAudit{Name: e.Name, Source: e.Source, Reason: e.Reason, Matched: audit.Matched[e]}
		if e.Expires != nil {
			t := e.Expires.UTC()
			a.Expires = &t
		}
		if e.Expired(now) {
			a.Expired, a.ExpiredMatches = true, audit.ExpiredHits[e]
		} else if a.Matched == 0 {
			a.Stale = true
		}
		out = append(out, a)
	}
	return out
}
