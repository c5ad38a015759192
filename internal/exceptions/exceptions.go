// Package exceptions decides which failed controls a team has accepted: exceptions files (the
// reference tool's posture exception policies, JSON, and a versioned YAML form of our own) and
// inline annotations on the objects themselves. An excepted finding stays in the report, marked
// with the exception that covers it, and counts as passed; an expired exception no longer
// applies and says so; every exception is audited (how many findings it matched).
package exceptions

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Inline annotation keys, as the reference tool reads them.
const (
	AnnotationSkipControls = "kubescape.io/skip-controls"
	AnnotationSkipReason   = "kubescape.io/skip-reason"
	AnnotationSkipExpiry   = "kubescape.io/skip-expiry"
)

// Exception is one accepted risk.
type Exception struct {
	Name   string
	Reason string
	// Expires is when the exception stops applying (nil: never).
	Expires *time.Time
	// Source is where it was written: file:line, or "inline" for annotations.
	Source string
	// Resources: the exception applies to a resource any designator matches. At least one.
	Resources []Designator
	// Policies: the exception applies to a control any policy matches; none means every control.
	Policies []Policy
}

// Designator matches resources. Every set field must match; values are regular expressions,
// matched whole and case-insensitively.
type Designator struct {
	Cluster       *regexp.Regexp
	Namespace     *regexp.Regexp
	Kind          *regexp.Regexp
	Name          *regexp.Regexp
	ResourceID    *regexp.Regexp
	Path          *regexp.Regexp
	ContainerName *regexp.Regexp
	// Labels and Annotations: each key must be present with a matching value. Attributes of the
	// reference format that are not among the keys above are matched against labels or
	// annotations (Meta).
	Labels      map[string]*regexp.Regexp
	Annotations map[string]*regexp.Regexp
	Meta        map[string]*regexp.Regexp
	// Selector is a Kubernetes label selector (objectSelector), nil when absent.
	Selector *Selector
}

// Policy matches controls. Every set field must match.
type Policy struct {
	ControlID     *regexp.Regexp
	FrameworkName *regexp.Regexp
	// SeverityScore matches the control's base score written as a number ("7", "7.5").
	SeverityScore *regexp.Regexp
}

// Selector is a label selector: matchLabels and matchExpressions.
type Selector struct {
	MatchLabels      map[string]string
	MatchExpressions []Requirement
}

// Requirement is one matchExpressions entry.
type Requirement struct {
	Key      string
	Operator string // In, NotIn, Exists, DoesNotExist
	Values   []string
}

// pattern compiles an exception value: a regular expression matched whole, case-insensitively.
func pattern(v string) (*regexp.Regexp, error) {
	re, err := regexp.Compile("^(?i:" + v + ")$")
	if err != nil {
		return nil, fmt.Errorf("bad regular expression %q: %w", v, err)
	}
	return re, nil
}

// Set is every exception of a scan.
type Set struct {
	Exceptions []*Exception
	// Now decides expiry (the scan's time).
	Now time.Time
}

// Target is what a designator is matched against.
type Target struct {
	Object  *resource.Object
	Cluster string
}

func matchRe(re *regexp.Regexp, s string) bool { return re == nil || re.MatchString(s) }

func (s *Selector) matches(labels map[string]string) bool {
	for k, v := range s.MatchLabels {
		if labels[k] != v {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		v, has := labels[r.Key]
		in := false
		for _, x := range r.Values {
			in = in || x == v
		}
		switch r.Operator {
		case "In":
			if !has || !in {
				return false
			}
		case "NotIn":
			if has && in {
				return false
			}
		case "Exists":
			if !has {
				return false
			}
		case "DoesNotExist":
			if has {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// matchesResource reports whether a designator matches an object (paths and containers aside).
func (d *Designator) matchesResource(t Target) bool {
	o := t.Object
	if !matchRe(d.Cluster, t.Cluster) || !matchRe(d.Namespace, o.Namespace) || !matchRe(d.Kind, o.Kind) ||
		!matchRe(d.Name, o.Name) || !matchRe(d.ResourceID, o.ID()) {
		return false
	}
	labels, annotations := o.Labels(), resource.StringMap(o.Object, "metadata", "annotations")
	for k, re := range d.Labels {
		v, ok := labels[k]
		if !ok || !re.MatchString(v) {
			return false
		}
	}
	for k, re := range d.Annotations {
		v, ok := annotations[k]
		if !ok || !re.MatchString(v) {
			return false
		}
	}
	for k, re := range d.Meta {
		lv, lok := labels[k]
		av, aok := annotations[k]
		if (!lok || !re.MatchString(lv)) && (!aok || !re.MatchString(av)) {
			return false
		}
	}
	if d.Selector != nil && !d.Selector.matches(labels) {
		return false
	}
	return true
}

// narrowsFindings reports whether the designator picks findings, not whole resources.
func (d *Designator) narrowsFindings() bool { return d.Path != nil || d.ContainerName != nil }

// matchesFinding reports whether a finding of a matched resource is covered: one of its paths
// matches Path, and its container (from the first path) matches ContainerName.
func (d *Designator) matchesFinding(o *resource.Object, f *finding.Finding) bool {
	if d.Path != nil {
		ok := false
		f.EachPath(func(_, p string) { ok = ok || d.Path.MatchString(p) })
		if !ok {
			return false
		}
	}
	if d.ContainerName != nil {
		name := containerOf(o, f.FirstPath())
		if name == "" || !d.ContainerName.MatchString(name) {
			return false
		}
	}
	return true
}

// containerOf returns the name of the container a path points into, or "".
func containerOf(o *resource.Object, path string) string {
	elems, err := finding.ParsePath(path)
	if err != nil {
		return ""
	}
	var cur any = o.Object
	for i, e := range elems {
		if e.IsIndex {
			list, _ := cur.([]any)
			if e.Index >= len(list) {
				return ""
			}
			cur = list[e.Index]
			if i > 0 && strings.HasSuffix(elems[i-1].Key, "ontainers") {
				return resource.String(cur, "name")
			}
			continue
		}
		m, _ := cur.(map[string]any)
		cur = m[e.Key]
	}
	return ""
}

// ControlInfo is what a policy is matched against.
type ControlInfo struct {
	ID         string
	BaseScore  float64
	Frameworks []string
}

func (p *Policy) matches(c ControlInfo) bool {
	if !matchRe(p.ControlID, c.ID) {
		return false
	}
	if p.FrameworkName != nil {
		ok := false
		for _, fw := range c.Frameworks {
			ok = ok || p.FrameworkName.MatchString(fw)
		}
		if !ok {
			return false
		}
	}
	if p.SeverityScore != nil && !p.SeverityScore.MatchString(strings.TrimSuffix(fmt.Sprintf("%g", c.BaseScore), ".0")) {
		return false
	}
	return true
}

func (e *Exception) matchesControl(c ControlInfo) bool {
	if len(e.Policies) == 0 {
		return true
	}
	for i := range e.Policies {
		if e.Policies[i].matches(c) {
			return true
		}
	}
	return false
}

// Expired reports whether the exception has expired at now.
func (e *Exception) Expired(now time.Time) bool { return e.Expires != nil && !now.Before(*e.Expires) }

// Audit counts what each exception did in a scan.
type Audit struct {
	Matched map[*Exception]int
	// ExpiredHits counts findings an expired exception would have covered.
	ExpiredHits map[*Exception]int
}

// Apply marks the failed results the exceptions cover: the result becomes excepted (it counts
// as passed, its findings stay). A result is covered when an exception matches the control and
// the resource, and — for designators that name paths or containers — every finding.
// Inline annotations on the object are applied too when inline is set.
func (s *Set) Apply(results []finding.Result, control func(id string) ControlInfo, cluster string, inline bool) (*Audit, []*Exception) {
	audit := &Audit{Matched: map[*Exception]int{}, ExpiredHits: map[*Exception]int{}}
	var inlineSeen []*Exception
	inlineCache := map[*resource.Object][]*Exception{}
	for i := range s.Exceptions {
		audit.Matched[s.Exceptions[i]] = 0
	}
	infos := map[string]ControlInfo{} // one lookup per control, not per failed result
	for i := range results {
		r := &results[i]
		if r.Status != finding.StatusFailed || r.Object == nil {
			continue
		}
		c, ok := infos[r.ControlID]
		if !ok {
			c = control(r.ControlID)
			infos[r.ControlID] = c
		}
		candidates := s.Exceptions
		if inline {
			ex, ok := inlineCache[r.Object]
			if !ok {
				ex = Inline(r.Object)
				inlineCache[r.Object] = ex
				inlineSeen = append(inlineSeen, ex...)
				for _, e := range ex {
					audit.Matched[e] = 0
				}
			}
			if len(ex) > 0 {
				candidates = append(append([]*Exception(nil), ex...), candidates...)
			}
		}
		for _, e := range candidates {
			if !e.matchesControl(c) || !e.covers(Target{Object: r.Object, Cluster: cluster}, r.Findings) {
				continue
			}
			if e.Expired(s.Now) {
				audit.ExpiredHits[e]++
				continue
			}
			audit.Matched[e]++
			r.Exception = &finding.ExceptionRef{Name: e.Name, Reason: e.Reason, Source: e.Source}
			if e.Expires != nil {
				t := e.Expires.UTC()
				r.Exception.Expires = &t
			}
			break
		}
	}
	return audit, inlineSeen
}

// covers reports whether the exception covers a resource's findings of one control.
func (e *Exception) covers(t Target, findings []finding.Finding) bool {
	for i := range e.Resources {
		d := &e.Resources[i]
		if !d.matchesResource(t) {
			continue
		}
		if !d.narrowsFindings() {
			return true
		}
		all := len(findings) > 0
		for j := range findings {
			all = all && d.matchesFinding(t.Object, &findings[j])
		}
		if all {
			return true
		}
	}
	return false
}

// Inline reads the exception an object declares in its annotations: kubescape.io/skip-controls
// (comma-separated control IDs, or "*"), with kubescape.io/skip-reason and
// kubescape.io/skip-expiry (RFC 3339 or YYYY-MM-DD). A bad expiry makes the exception expired
// (it must not apply forever by mistake).
func Inline(o *resource.Object) []*Exception {
	ann := resource.StringMap(o.Object, "metadata", "annotations")
	ids := strings.TrimSpace(ann[AnnotationSkipControls])
	if ids == "" {
		return nil
	}
	e := &Exception{Name: "inline:" + o.ID(), Reason: ann[AnnotationSkipReason], Source: "inline annotation " + AnnotationSkipControls + " on " + o.ID(),
		Resources: []Designator{{ResourceID: regexp.MustCompile("^" + regexp.QuoteMeta(o.ID()) + "$")}}}
	if o.Source.Path != "" {
		e.Source = fmt.Sprintf("%s (%s)", e.Source, o.Source)
	}
	if exp := strings.TrimSpace(ann[AnnotationSkipExpiry]); exp != "" {
		t, err := ParseTime(exp)
		if err != nil {
			t = time.Time{} // unreadable: treat as already expired
			e.Reason = strings.TrimSpace(e.Reason + " (skip-expiry " + exp + " cannot be read: treated as expired)")
		}
		e.Expires = &t
	}
	if ids != "*" {
		for _, id := range strings.Split(ids, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			e.Policies = append(e.Policies, Policy{ControlID: regexp.MustCompile("^(?i:" + regexp.QuoteMeta(id) + ")$")})
		}
	}
	return []*Exception{e}
}

// ParseTime reads an expiry: RFC 3339, or a date (the exception ends when the day starts, UTC).
func ParseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", s)
}
