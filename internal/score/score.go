// Package score turns per-resource results into per-control statuses, compliance scores and
// weighted risk scores for controls, frameworks and the whole scan, as the reference tool
// computes them, except that a skipped control never counts as compliant.
package score

import (
	"fmt"
	"sort"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// ControlSpec is what scoring needs to know about one control of the scan.
type ControlSpec struct {
	ID          string
	Name        string
	BaseScore   float64
	Category    string
	Description string
	Remediation string
	Frameworks  []string
	// SkipReason, when set, marks the control as not evaluated at all.
	SkipReason string
	// SkipIfNothingMatched, when set, is the skip reason used if no resource matched the
	// control (instead of an irrelevant pass): for controls that only a cluster can decide.
	SkipIfNothingMatched string
}

// FrameworkSpec is a framework of the scan.
type FrameworkSpec struct {
	Name        string
	Description string
	ControlIDs  []string
	Numbers     map[string]string
	Sections    []SectionSpec
}

// SectionSpec is a benchmark section with the controls directly in it.
type SectionSpec struct {
	ID, Name   string
	ControlIDs []string
	Sections   []SectionSpec
}

// Input is everything a report is computed from.
type Input struct {
	Controls   []ControlSpec
	Frameworks []FrameworkSpec
	Results    []finding.Result
	// Objects is the number of objects read.
	Objects int
}

type controlAcc struct {
	spec                    *ControlSpec
	passed, failed, skipped int
	wFailed, wAll           float64
	firstSkip               string
}

// Build computes the report's summary, frameworks, controls and resources. The caller fills in
// generator, target, time and input problems.
func Build(in Input) *finding.Report {
	accs := make(map[string]*controlAcc, len(in.Controls))
	for i := range in.Controls {
		accs[in.Controls[i].ID] = &controlAcc{spec: &in.Controls[i]}
	}

	type resAcc struct {
		res   *finding.Resource
		obj   *resource.Object
		worst finding.Severity
		state finding.Status
	}
	byObj := map[*resource.Object]*resAcc{}
	var resOrder []*resAcc
	for i := range in.Results {
		r := &in.Results[i]
		acc := accs[r.ControlID]
		if acc == nil || acc.spec.SkipReason != "" {
			continue
		}
		ra := byObj[r.Object]
		if ra == nil {
			ra = &resAcc{res: newResource(r.Object), obj: r.Object, state: finding.StatusPassed}
			byObj[r.Object] = ra
			resOrder = append(resOrder, ra)
		}
		w := Weight(r.Object)
		acc.wAll += w
		switch {
		case r.Status == finding.StatusPassed:
			acc.passed++
			ra.res.PassedControls = append(ra.res.PassedControls, r.ControlID)
		case r.Status == finding.StatusFailed && r.Exception != nil:
			// Accepted: counts as passed, and stays in the report with the exception.
			acc.passed++
			ra.res.PassedControls = append(ra.res.PassedControls, r.ControlID)
			ra.res.Controls = append(ra.res.Controls, finding.ResourceControl{ControlID: r.ControlID, Status: finding.StatusPassed,
				SubStatus: finding.SubStatusExcepted, Exception: r.Exception, Findings: r.Findings})
		case r.Status == finding.StatusFailed:
			acc.failed++
			acc.wFailed += w
			ra.res.Controls = append(ra.res.Controls, finding.ResourceControl{ControlID: r.ControlID, Status: r.Status, Findings: r.Findings})
			ra.state = finding.StatusFailed
			if s := finding.SeverityFromScore(acc.spec.BaseScore); s > ra.worst {
				ra.worst = s
			}
		case r.Status == finding.StatusSkipped:
			acc.skipped++
			if acc.firstSkip == "" {
				acc.firstSkip = r.Reason
			}
			ra.res.Controls = append(ra.res.Controls, finding.ResourceControl{ControlID: r.ControlID, Status: r.Status, Reason: r.Reason})
			if ra.state == finding.StatusPassed {
				ra.state = finding.StatusSkipped
			}
		}
	}

	rep := &finding.Report{SchemaVersion: finding.SchemaVersion, Summary: finding.Summary{Objects: in.Objects, Complete: true}}
	controls := map[string]*finding.Control{}
	ids := make([]string, 0, len(in.Controls))
	for i := range in.Controls {
		spec := &in.Controls[i]
		c := controlResult(spec, accs[spec.ID])
		controls[spec.ID] = &c
		ids = append(ids, spec.ID)
		rep.Controls = append(rep.Controls, c)
		switch {
		case c.Status == finding.StatusFailed:
			rep.Summary.FailedControls.Add(c.Severity)
		case c.SubStatus == finding.SubStatusIrrelevant:
			rep.Summary.IrrelevantControls++
		}
	}
	rep.Summary.Controls, rep.Summary.ComplianceScore, rep.Summary.RiskScore = aggregate(ids, controls, accs)
	sort.Slice(rep.Controls, func(i, j int) bool { return rep.Controls[i].ID < rep.Controls[j].ID })

	for _, fw := range in.Frameworks {
		f := finding.Framework{Name: fw.Name, Description: fw.Description, ControlIDs: fw.ControlIDs, Numbers: fw.Numbers}
		var compliance *float64
		f.Controls, compliance, f.RiskScore = aggregate(fw.ControlIDs, controls, accs)
		f.ComplianceScore = compliance
		f.Sections = sections(fw.Sections, controls, accs)
		rep.Frameworks = append(rep.Frameworks, f)
	}

	for _, ra := range resOrder {
		rep.Summary.Resources.Total++
		switch ra.state {
		case finding.StatusFailed:
			rep.Summary.Resources.Failed++
			rep.Summary.FailedResources.Add(ra.worst)
		case finding.StatusSkipped:
			rep.Summary.Resources.Skipped++
		default:
			rep.Summary.Resources.Passed++
		}
		sort.Strings(ra.res.PassedControls)
		sort.Slice(ra.res.Controls, func(i, j int) bool { return ra.res.Controls[i].ControlID < ra.res.Controls[j].ControlID })
		if ra.res.PassedControls == nil {
			ra.res.PassedControls = []string{}
		}
		if ra.res.Controls == nil {
			ra.res.Controls = []finding.ResourceControl{}
		}
	}
	sort.SliceStable(resOrder, func(i, j int) bool { return lessObject(resOrder[i].obj, resOrder[j].obj) })
	rep.Resources = make([]finding.Resource, 0, len(resOrder))
	for _, ra := range resOrder {
		rep.Resources = append(rep.Resources, *ra.res)
	}
	if rep.Frameworks == nil {
		rep.Frameworks = []finding.Framework{}
	}
	if rep.Controls == nil {
		rep.Controls = []finding.Control{}
	}
	return rep
}

// aggregate counts a set of controls by status and computes their mean compliance (nil when
// none was evaluated) and weighted risk.
func aggregate(ids []string, controls map[string]*finding.Control, accs map[string]*controlAcc) (finding.Counters, *float64, float64) {
	var counts finding.Counters
	var sum, u, w float64
	n := 0
	for _, id := range ids {
		c := controls[id]
		if c == nil {
			continue
		}
		counts.Total++
		switch c.Status {
		case finding.StatusFailed:
			counts.Failed++
		case finding.StatusPassed:
			counts.Passed++
		case finding.StatusSkipped:
			counts.Skipped++
		}
		if c.ComplianceScore != nil {
			sum += *c.ComplianceScore
			n++
		}
		if acc := accs[id]; c.Status != finding.StatusSkipped {
			u += c.BaseScore * acc.wFailed
			w += c.BaseScore * acc.wAll
		}
	}
	var compliance *float64
	if n > 0 {
		compliance = pct(sum / float64(n))
	}
	return counts, compliance, ratio(u, w)
}

// sections scores a section tree: a section counts its own controls and its subsections'.
func sections(specs []SectionSpec, controls map[string]*finding.Control, accs map[string]*controlAcc) []finding.Section {
	var out []finding.Section
	for _, sp := range specs {
		subs := sections(sp.Sections, controls, accs)
		ids := append([]string{}, sp.ControlIDs...)
		for _, s := range subs {
			ids = append(ids, s.ControlIDs...)
		}
		counts, compliance, _ := aggregate(ids, controls, accs)
		if counts.Total == 0 {
			continue
		}
		out = append(out, finding.Section{ID: sp.ID, Name: sp.Name, ComplianceScore: compliance, Controls: counts, ControlIDs: ids, Sections: subs})
	}
	return out
}

func controlResult(spec *ControlSpec, acc *controlAcc) finding.Control {
	c := finding.Control{
		ID: spec.ID, Name: spec.Name, Severity: finding.SeverityFromScore(spec.BaseScore), BaseScore: spec.BaseScore,
		Category: spec.Category, Description: spec.Description, Remediation: spec.Remediation,
		Frameworks: append([]string{}, spec.Frameworks...),
	}
	total := acc.passed + acc.failed + acc.skipped
	c.Resources = finding.Counters{Passed: acc.passed, Failed: acc.failed, Skipped: acc.skipped, Total: total}
	switch {
	case spec.SkipReason != "":
		c.Status, c.SkipReason = finding.StatusSkipped, spec.SkipReason
		c.Resources = finding.Counters{}
		return c
	case acc.failed > 0:
		c.Status = finding.StatusFailed
		c.ComplianceScore = pct(100 * float64(acc.passed) / float64(total))
	case acc.skipped > 0:
		c.Status = finding.StatusSkipped
		c.SkipReason = fmt.Sprintf("%d of %d resources could not be evaluated: %s", acc.skipped, total, acc.firstSkip)
	case total == 0 && spec.SkipIfNothingMatched != "":
		c.Status, c.SkipReason = finding.StatusSkipped, spec.SkipIfNothingMatched
	default:
		c.Status = finding.StatusPassed
		if total == 0 {
			c.SubStatus = finding.SubStatusIrrelevant
		}
		c.ComplianceScore = pct(100)
	}
	c.RiskScore = ratio(spec.BaseScore*acc.wFailed, spec.BaseScore*acc.wAll)
	return c
}

// Weight is a resource's weight in risk scores: 1, or replicas x 1.1 for a workload with more
// than one replica; a DaemonSet is multiplied by the nodes it is scheduled on when known.
func Weight(o *resource.Object) float64 {
	w := 1.0
	if r, ok := resource.Lookup(o.Object, "spec", "replicas").(int64); ok && r > 1 {
		w = float64(r) * 1.1
	}
	if o.Kind == "DaemonSet" {
		if n, ok := resource.Lookup(o.Object, "status", "desiredNumberScheduled").(int64); ok && n > 0 {
			w *= float64(n)
		}
	}
	return w
}

func ratio(u, w float64) float64 {
	if w == 0 {
		return 0
	}
	return round2(100 * u / w)
}

func pct(v float64) *float64 {
	r := round2(v)
	return &r
}

func round2(v float64) float64 {
	return float64(int64(v*100+0.5)) / 100
}

func newResource(o *resource.Object) *finding.Resource {
	r := &finding.Resource{ResourceID: o.ID(), APIVersion: o.APIVersion, Kind: o.Kind, Namespace: o.Namespace, Name: o.Name}
	if o.Source.Path != "" {
		s := &finding.Source{Path: o.Source.Path, Document: o.Source.Document, Line: o.Source.Line,
			Column: o.Source.Column, Generated: o.Source.Generated}
		if o.Source.Item >= 0 {
			item := o.Source.Item
			s.Item = &item
		}
		r.Source = s
	}
	return r
}

func lessObject(a, b *resource.Object) bool {
	if a.Synthetic != b.Synthetic {
		return !a.Synthetic
	}
	if a.Source.Path != b.Source.Path {
		return a.Source.Path < b.Source.Path
	}
	if a.Source.Document != b.Source.Document {
		return a.Source.Document < b.Source.Document
	}
	if a.Source.Item != b.Source.Item {
		return a.Source.Item < b.Source.Item
	}
	return a.ID() < b.ID()
}
