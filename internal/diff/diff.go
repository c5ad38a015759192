// Package diff compares two scan reports: which findings are new, which were resolved, which
// are unchanged, and which cannot be compared because a control was not evaluated in one of
// the scans.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// SchemaVersion names the version of the JSON diff document.
const SchemaVersion = "kubescape.diff/v1"

// Granularity says what counts as the same finding.
type Granularity string

const (
	// Evidence compares findings: resource, control and the fields at fault.
	Evidence Granularity = "evidence"
	// Control compares failed controls per resource, whatever the fields.
	Control Granularity = "control"
)

// Result is the comparison of two reports.
type Result struct {
	SchemaVersion string      `json:"schemaVersion"`
	Granularity   Granularity `json:"granularity"`
	Old           Scan        `json:"oldScan"`
	New           Scan        `json:"newScan"`
	Summary       Summary     `json:"summary"`
	Added         []Entry     `json:"new"`
	Resolved      []Entry     `json:"resolved"`
	Unchanged     []Entry     `json:"unchanged"`
	Incomparable  []Entry     `json:"incomparable"`
	// Warnings say why the comparison may mislead (different targets, incomplete scans).
	Warnings []string `json:"warnings,omitempty"`
}

// Scan identifies one side of the comparison.
type Scan struct {
	GeneratedAt string           `json:"generatedAt"`
	Target      finding.Target   `json:"target"`
	Compliance  *float64         `json:"complianceScore"`
	Complete    bool             `json:"complete"`
	Version     string           `json:"version"`
	Counters    finding.Counters `json:"controls"`
}

// Summary counts the entries of each class.
type Summary struct {
	New          int `json:"new"`
	Resolved     int `json:"resolved"`
	Unchanged    int `json:"unchanged"`
	Incomparable int `json:"incomparable"`
}

// Entry is one finding (or failed control, at control granularity).
type Entry struct {
	ResourceID  string           `json:"resourceID"`
	Kind        string           `json:"kind"`
	Namespace   string           `json:"namespace,omitempty"`
	Name        string           `json:"name"`
	ControlID   string           `json:"controlID"`
	ControlName string           `json:"controlName"`
	Severity    finding.Severity `json:"severity"`
	Message     string           `json:"message"`
	Paths       []string         `json:"paths,omitempty"`
	File        string           `json:"file,omitempty"`
	Line        int              `json:"line,omitempty"`
	// Reason says why an entry is incomparable.
	Reason string `json:"reason,omitempty"`
}

// side indexes one report.
type side struct {
	rep      *finding.Report
	controls map[string]*finding.Control
	entries  map[string]Entry
	order    []string
	// skipped holds "resourceID\x00controlID" for controls skipped on a resource, and
	// "\x00controlID" for controls skipped on the whole scan.
	skipped   map[string]string
	resources map[string]bool
}

func index(rep *finding.Report, g Granularity) *side {
	s := &side{rep: rep, controls: map[string]*finding.Control{}, entries: map[string]Entry{}, skipped: map[string]string{}, resources: map[string]bool{}}
	for i := range rep.Controls {
		c := &rep.Controls[i]
		s.controls[c.ID] = c
		if c.Status == finding.StatusSkipped {
			s.skipped["\x00"+c.ID] = c.SkipReason
		}
	}
	for _, r := range rep.Resources {
		s.resources[r.ResourceID] = true
		for _, c := range r.Controls {
			switch c.Status {
			case finding.StatusSkipped:
				s.skipped[r.ResourceID+"\x00"+c.ControlID] = c.Reason
				continue
			case finding.StatusFailed:
			default:
				continue
			}
			findings := c.Findings
			if len(findings) == 0 || g == Control {
				findings = []finding.Finding{mergeFindings(c.Findings)}
			}
			for _, f := range findings {
				e := s.entry(&r, c.ControlID, f)
				k := key(e, g)
				if _, dup := s.entries[k]; dup {
					continue
				}
				s.entries[k] = e
				s.order = append(s.order, k)
			}
		}
	}
	return s
}

// mergeFindings folds the findings of a control on a resource into one (control granularity).
func mergeFindings(fs []finding.Finding) finding.Finding {
	if len(fs) == 0 {
		return finding.Finding{}
	}
	out := fs[0]
	if len(fs) > 1 {
		msgs := make([]string, len(fs))
		for i, f := range fs {
			msgs[i] = f.Message
		}
		out.Message = strings.Join(msgs, "; ")
	}
	return out
}

func (s *side) entry(r *finding.Resource, controlID string, f finding.Finding) Entry {
	e := Entry{ResourceID: r.ResourceID, Kind: r.Kind, Namespace: r.Namespace, Name: r.Name, ControlID: controlID, Message: f.Message}
	if c := s.controls[controlID]; c != nil {
		e.ControlName, e.Severity = c.Name, c.Severity
	}
	f.EachPath(func(kind, path string) {
		if kind == finding.PathFailed || kind == finding.PathDelete || (len(f.FailedPaths) == 0 && len(f.DeletePaths) == 0) {
			e.Paths = append(e.Paths, path)
		}
	})
	if r.Source != nil {
		e.File = r.Source.Path
		e.Line = r.Source.Line
	}
	if len(f.Locations) > 0 {
		e.Line = f.Locations[0].Line
		if f.Locations[0].File != "" {
			e.File = f.Locations[0].File
		}
	}
	return e
}

// key identifies an entry across scans: lines and messages may change without the finding
// changing, so neither is part of it.
func key(e Entry, g Granularity) string {
	k := e.ResourceID + "\x00" + e.ControlID
	if g == Evidence {
		paths := append([]string(nil), e.Paths...)
		sort.Strings(paths)
		k += "\x00" + strings.Join(paths, "\x01")
		if len(paths) == 0 {
			k += "\x00" + e.Message
		}
	}
	return k
}

// skipReason says why a control was not evaluated on a resource in a scan ("" if it was).
func (s *side) skipReason(resourceID, controlID string) string {
	if r, ok := s.skipped[resourceID+"\x00"+controlID]; ok {
		return r
	}
	if r, ok := s.skipped["\x00"+controlID]; ok {
		return r
	}
	if _, ok := s.controls[controlID]; !ok {
		return "the control was not part of this scan"
	}
	return ""
}

// Compare compares an old and a new report.
func Compare(oldRep, newRep *finding.Report, g Granularity) *Result {
	if g == "" {
		g = Evidence
	}
	o, n := index(oldRep, g), index(newRep, g)
	res := &Result{SchemaVersion: SchemaVersion, Granularity: g, Old: scanOf(oldRep), New: scanOf(newRep),
		Added: []Entry{}, Resolved: []Entry{}, Unchanged: []Entry{}, Incomparable: []Entry{}}
	for _, k := range n.order {
		e := n.entries[k]
		if _, ok := o.entries[k]; ok {
			res.Unchanged = append(res.Unchanged, e)
			continue
		}
		if why := o.skipReason(e.ResourceID, e.ControlID); why != "" {
			e.Reason = "not evaluated in the old scan: " + why
			res.Incomparable = append(res.Incomparable, e)
			continue
		}
		res.Added = append(res.Added, e)
	}
	for _, k := range o.order {
		e := o.entries[k]
		if _, ok := n.entries[k]; ok {
			continue
		}
		if why := n.skipReason(e.ResourceID, e.ControlID); why != "" {
			e.Reason = "not evaluated in the new scan: " + why
			res.Incomparable = append(res.Incomparable, e)
			continue
		}
		if !n.resources[e.ResourceID] {
			e.Reason = "the resource is not in the new scan"
		}
		res.Resolved = append(res.Resolved, e)
	}
	for _, l := range [][]Entry{res.Added, res.Resolved, res.Unchanged, res.Incomparable} {
		sortEntries(l)
	}
	res.Summary = Summary{New: len(res.Added), Resolved: len(res.Resolved), Unchanged: len(res.Unchanged), Incomparable: len(res.Incomparable)}
	if strings.Join(oldRep.Target.Paths, " ") != strings.Join(newRep.Target.Paths, " ") || oldRep.Target.Type != newRep.Target.Type {
		res.Warnings = append(res.Warnings, fmt.Sprintf("the scans have different targets (%s %s vs %s %s): resolved and new findings may only reflect that",
			oldRep.Target.Type, strings.Join(oldRep.Target.Paths, " "), newRep.Target.Type, strings.Join(newRep.Target.Paths, " ")))
	}
	if !oldRep.Summary.Complete {
		res.Warnings = append(res.Warnings, "the old scan is incomplete: some findings reported as new may have existed")
	}
	if !newRep.Summary.Complete {
		res.Warnings = append(res.Warnings, "the new scan is incomplete: some findings reported as resolved may still exist")
	}
	return res
}

func scanOf(r *finding.Report) Scan {
	return Scan{GeneratedAt: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"), Target: r.Target, Compliance: r.Summary.ComplianceScore,
		Complete: r.Summary.Complete, Version: r.Generator.Version, Counters: r.Summary.Controls}
}

func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		return a.ResourceID < b.ResourceID
	})
}
