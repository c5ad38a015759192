// Package pretty renders the report for people in a terminal: a table of controls, then every
// failed resource with file:line, the failing field and how to fix it, then what was skipped and
// why, then the scores. Colour only when asked for (a terminal); the text is the same without it.
package pretty

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Renderer writes the terminal view.
type Renderer struct{}

// New returns the pretty renderer.
func New() Renderer { return Renderer{} }

// Name implements render.Renderer.
func (Renderer) Name() string { return "pretty" }

// Extension implements render.Renderer.
func (Renderer) Extension() string { return ".txt" }

const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

type printer struct {
	w    io.Writer
	opts render.Options
	err  error
	// numbers are the benchmark numbers (CIS-5.1.1) controls are shown with, when the scan
	// runs a benchmark framework.
	numbers map[string]string
}

// benchmarkNumbers returns the numbering of the first framework of the report that has one.
func benchmarkNumbers(r *finding.Report) map[string]string {
	for _, fw := range r.Frameworks {
		if len(fw.Numbers) > 0 {
			return fw.Numbers
		}
	}
	return nil
}

// controlName is a control's name, prefixed with its benchmark number when it has one.
func (p *printer) controlName(id, name string) string {
	if n, ok := p.numbers[id]; ok {
		return "CIS-" + n + " " + name
	}
	return name
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) color(code, s string) string {
	if !p.opts.Color || code == "" {
		return s
	}
	return code + s + reset
}

func severityColor(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical:
		return bold + red
	case finding.SeverityHigh:
		return red
	case finding.SeverityMedium:
		return yellow
	case finding.SeverityLow:
		return cyan
	}
	return ""
}

// Render implements render.Renderer.
func (Renderer) Render(w io.Writer, r *finding.Report, opts render.Options) error {
	p := &printer{w: w, opts: opts, numbers: benchmarkNumbers(r)}
	controls := map[string]*finding.Control{}
	for i := range r.Controls {
		controls[r.Controls[i].ID] = &r.Controls[i]
	}
	p.controlsTable(r)
	p.failedResources(r, controls)
	if opts.Verbose {
		p.passedResources(r)
	}
	p.skipped(r)
	p.problems(r)
	p.exceptions(r)
	p.summary(r)
	return p.err
}

// exceptions prints what the exceptions did: the excepted resources, then the exceptions that
// expired or matched nothing (both worth a look).
func (p *printer) exceptions(r *finding.Report) {
	if len(r.Exceptions) == 0 {
		return
	}
	excepted := 0
	for _, res := range r.Resources {
		for _, c := range res.Controls {
			if c.SubStatus == finding.SubStatusExcepted {
				excepted++
				if p.opts.Verbose {
					p.printf("  excepted: %s %s by %q (%s)\n", c.ControlID, resourceName(&res), c.Exception.Name, c.Exception.Source)
				}
			}
		}
	}
	p.printf("\nExceptions: %d failed controls on resources accepted by %d exceptions\n", excepted, len(r.Exceptions))
	for _, e := range r.Exceptions {
		switch {
		case e.Expired:
			p.printf("  %s %s (%s): expired on %s; it would still cover %d\n", p.color(yellow, "expired"), e.Name, e.Source, e.Expires.Format("2006-01-02"), e.ExpiredMatches)
		case e.Stale:
			p.printf("  %s %s (%s): matched nothing, it can probably go\n", p.color(yellow, "stale"), e.Name, e.Source)
		case p.opts.Verbose:
			p.printf("  applied %s (%s): %d\n", e.Name, e.Source, e.Matched)
		}
	}
	p.printf("\n")
}

func statusRank(c *finding.Control) int {
	switch c.Status {
	case finding.StatusFailed:
		return 0
	case finding.StatusPassed:
		if c.SubStatus == finding.SubStatusIrrelevant {
			return 2
		}
		return 1
	}
	return 3
}

// controlsTable prints evaluated controls: failed first (most severe first), then passed.
func (p *printer) controlsTable(r *finding.Report) {
	var rows []*finding.Control
	for i := range r.Controls {
		c := &r.Controls[i]
		if c.Status == finding.StatusSkipped {
			continue
		}
		if c.SubStatus == finding.SubStatusIrrelevant && !p.opts.Verbose {
			continue
		}
		rows = append(rows, c)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if ra, rb := statusRank(a), statusRank(b); ra != rb {
			return ra < rb
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.ID < b.ID
	})
	p.printf("%s\n", p.color(bold, "Controls"))
	if len(rows) == 0 {
		p.printf("  No control evaluated any resource.\n\n")
		return
	}
	const nameWidth = 58
	idWidth := 7 // C-0057; custom IDs may be longer
	for _, c := range rows {
		if len(c.ID) > idWidth {
			idWidth = len(c.ID)
		}
	}
	p.printf("  %-9s %-*s %-*s %8s %11s\n", "SEVERITY", idWidth, "ID", nameWidth, "CONTROL", "FAILED", "COMPLIANCE")
	for _, c := range rows {
		name := truncate(p.controlName(c.ID, c.Name), nameWidth)
		counts := fmt.Sprintf("%d/%d", c.Resources.Failed, c.Resources.Total)
		comp := "-"
		if c.ComplianceScore != nil {
			comp = fmt.Sprintf("%.0f%%", *c.ComplianceScore)
		}
		compColor := green
		if c.Status == finding.StatusFailed {
			compColor = red
		}
		if c.SubStatus == finding.SubStatusIrrelevant {
			comp, compColor = "n/a", dim
		}
		p.printf("  %s %-*s %s %8s %s\n",
			p.color(severityColor(c.Severity), pad(c.Severity.String(), 9)), idWidth, c.ID, pad(name, nameWidth), counts,
			p.color(compColor, fmt.Sprintf("%11s", comp)))
	}
	p.printf("\n")
}

// failedResources prints each failed resource with its findings.
func (p *printer) failedResources(r *finding.Report, controls map[string]*finding.Control) {
	first := true
	for _, res := range r.Resources {
		var failed []finding.ResourceControl
		for _, rc := range res.Controls {
			if rc.Status == finding.StatusFailed {
				failed = append(failed, rc)
			}
		}
		if len(failed) == 0 {
			continue
		}
		if first {
			p.printf("%s\n", p.color(bold, "Failed resources"))
			first = false
		}
		sort.SliceStable(failed, func(i, j int) bool {
			a, b := controls[failed[i].ControlID], controls[failed[j].ControlID]
			if a != nil && b != nil && a.Severity != b.Severity {
				return a.Severity > b.Severity
			}
			return failed[i].ControlID < failed[j].ControlID
		})
		p.printf("\n  %s  %s\n", p.color(bold, resourceName(&res)), p.color(dim, location(res.Source, 0)))
		for _, rc := range failed {
			c := controls[rc.ControlID]
			sev, name := finding.SeverityUnknown, rc.ControlID
			if c != nil {
				sev, name = c.Severity, p.controlName(c.ID, c.Name)
			}
			p.printf("    %s %s %s\n", p.color(severityColor(sev), pad(sev.String(), 8)), rc.ControlID, name)
			for _, f := range rc.Findings {
				if loc := findingLocation(res.Source, &f); loc != "" {
					p.printf("      %s %s\n", p.color(dim, loc+":"), f.Message)
				} else {
					p.printf("      %s\n", f.Message)
				}
				if path := f.FirstPath(); path != "" {
					p.printf("        field: %s\n", path)
				}
				for _, fx := range f.FixPaths {
					if strings.HasPrefix(fx.Value, "YOUR_") {
						p.printf("        %s set %s (to a value you choose)\n", p.color(green, "fix:"), fx.Path)
						continue
					}
					p.printf("        %s set %s to %s\n", p.color(green, "fix:"), fx.Path, fx.Value)
				}
				for _, d := range f.DeletePaths {
					p.printf("        %s remove %s\n", p.color(green, "fix:"), d)
				}
			}
			if c != nil && c.Remediation != "" && len(rc.Findings) > 0 && !hasFix(rc.Findings) {
				p.printf("        %s %s\n", p.color(green, "how to fix:"), oneLine(c.Remediation))
			}
		}
	}
	if !first {
		p.printf("\n")
	}
}

func hasFix(fs []finding.Finding) bool {
	for _, f := range fs {
		if len(f.FixPaths) > 0 || len(f.DeletePaths) > 0 {
			return true
		}
	}
	return false
}

// passedResources lists, in verbose mode, the resources that passed every control.
func (p *printer) passedResources(r *finding.Report) {
	var lines []string
	for _, res := range r.Resources {
		failedOrSkipped := false
		for _, rc := range res.Controls {
			if rc.Status != finding.StatusPassed {
				failedOrSkipped = true
			}
		}
		if failedOrSkipped {
			continue
		}
		lines = append(lines, fmt.Sprintf("  %s  %s  (%d controls)", resourceName(&res), location(res.Source, 0), len(res.PassedControls)))
	}
	if len(lines) == 0 {
		return
	}
	p.printf("%s\n", p.color(bold, "Passed resources"))
	for _, l := range lines {
		p.printf("%s\n", l)
	}
	p.printf("\n")
}

// skipped lists controls and resources that were not evaluated, grouped by reason unless verbose.
func (p *printer) skipped(r *finding.Report) {
	byReason := map[string][]string{}
	var reasons []string
	for _, c := range r.Controls {
		if c.Status != finding.StatusSkipped {
			continue
		}
		if _, ok := byReason[c.SkipReason]; !ok {
			reasons = append(reasons, c.SkipReason)
		}
		byReason[c.SkipReason] = append(byReason[c.SkipReason], c.ID)
	}
	if len(reasons) == 0 {
		return
	}
	sort.Slice(reasons, func(i, j int) bool { return len(byReason[reasons[i]]) > len(byReason[reasons[j]]) })
	p.printf("%s\n", p.color(bold, "Skipped controls (not evaluated, not counted as passed)"))
	for _, reason := range reasons {
		ids := byReason[reason]
		list := strings.Join(ids, ", ")
		if !p.opts.Verbose && len(ids) > 6 {
			list = strings.Join(ids[:6], ", ") + fmt.Sprintf(", ... (%d more; --verbose lists all)", len(ids)-6)
		}
		p.printf("  %s %d: %s\n", p.color(yellow, reason+":"), len(ids), list)
	}
	p.printf("\n")
}

func (p *printer) problems(r *finding.Report) {
	if len(r.InputProblems) == 0 {
		return
	}
	p.printf("%s\n", p.color(bold, "Input not scanned"))
	for _, pr := range r.InputProblems {
		loc := pr.Path
		if pr.Line > 0 {
			loc = fmt.Sprintf("%s:%d", pr.Path, pr.Line)
		}
		tag := p.color(red, "error")
		if pr.Level != "error" {
			tag = p.color(yellow, pr.Level)
		}
		p.printf("  %s %s: %s\n", tag, loc, pr.Message)
	}
	p.printf("\n")
}

func (p *printer) summary(r *finding.Report) {
	s := r.Summary
	p.printf("%s\n", p.color(bold, "Summary"))
	score := "n/a (no control could be evaluated)"
	if s.ComplianceScore != nil {
		score = fmt.Sprintf("%.2f%%", *s.ComplianceScore)
	}
	p.printf("  Compliance score: %s\n", p.color(bold, score))
	for _, fw := range r.Frameworks {
		fs := "n/a"
		if fw.ComplianceScore != nil {
			fs = fmt.Sprintf("%.2f%%", *fw.ComplianceScore)
		}
		p.printf("    %-14s %s  (%d failed, %d passed, %d skipped controls)\n", fw.Name, fs, fw.Controls.Failed, fw.Controls.Passed, fw.Controls.Skipped)
		p.sections(fw.Sections, "      ", 2)
	}
	p.printf("  Risk score: %.2f\n", s.RiskScore)
	p.printf("  Controls: %d failed, %d passed (%d matched nothing), %d skipped\n",
		s.Controls.Failed, s.Controls.Passed, s.IrrelevantControls, s.Controls.Skipped)
	fc := s.FailedControls
	p.printf("  Failed controls by severity: %d critical, %d high, %d medium, %d low\n", fc.Critical, fc.High, fc.Medium, fc.Low)
	p.printf("  Resources: %d failed, %d passed, %d skipped, of %d objects read\n",
		s.Resources.Failed, s.Resources.Passed, s.Resources.Skipped, s.Objects)
	if s.ManagedObjects > 0 {
		p.printf("  %d objects made by a controller in the input (Pods of a ReplicaSet, ...) were judged through that controller\n", s.ManagedObjects)
	}
	if !s.Complete {
		p.printf("  %s\n", p.color(red, "The scan is incomplete: part of the input could not be read (see above)."))
	}
}

// sections prints a benchmark's section scores, down to the given depth.
func (p *printer) sections(secs []finding.Section, indent string, depth int) {
	if depth == 0 {
		return
	}
	for _, sec := range secs {
		score := "n/a"
		if sec.ComplianceScore != nil {
			score = fmt.Sprintf("%.2f%%", *sec.ComplianceScore)
		}
		label := truncate(sec.ID+" "+sec.Name, 44-len(indent))
		p.printf("%s%s %s  (%d failed, %d passed, %d skipped)\n", indent, pad(label, 44-len(indent)), score,
			sec.Controls.Failed, sec.Controls.Passed, sec.Controls.Skipped)
		p.sections(sec.Sections, indent+"  ", depth-1)
	}
}

func resourceName(r *finding.Resource) string {
	name := r.Name
	if r.Namespace != "" {
		name = r.Namespace + "/" + r.Name
	}
	if r.APIVersion == "kubescape.io/v1" {
		// Built by the scanner from the bindings that name it: say so, next to the real object.
		return fmt.Sprintf("%s %s (RBAC subject)", r.Kind, name)
	}
	return fmt.Sprintf("%s %s", r.Kind, name)
}

// findingLocation is file:line:column of a finding's first path, the form editors jump to.
// Rendered objects have no line of their own: the resource header names their template.
func findingLocation(s *finding.Source, f *finding.Finding) string {
	if s != nil && s.Generated != nil {
		return ""
	}
	if len(f.Locations) > 0 {
		l := f.Locations[0]
		file := l.File
		if file == "" && s != nil {
			file = s.Path
		}
		if l.Column > 0 {
			return fmt.Sprintf("%s:%d:%d", file, l.Line, l.Column)
		}
		return fmt.Sprintf("%s:%d", file, l.Line)
	}
	if f.File != "" {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return location(s, f.Line)
}

func location(s *finding.Source, line int) string {
	if s == nil {
		return ""
	}
	if g := s.Generated; g != nil {
		if g.Generator == resource.GeneratorHelm {
			return fmt.Sprintf("%s (Helm chart %s, rendered)", s.Path, g.Chart)
		}
		return fmt.Sprintf("%s (Kustomize, rendered)", s.Path)
	}
	if line <= 0 {
		line = s.Line
	}
	if line > 0 {
		return fmt.Sprintf("%s:%d", s.Path, line)
	}
	return s.Path
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func pad(s string, n int) string {
	if w := utf8.RuneCountInString(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
