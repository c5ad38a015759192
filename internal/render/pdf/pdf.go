// Package pdf renders a report as a PDF document with a pure-Go library (no external program at
// run time): the scores, failed controls by severity, the frameworks, the table of controls and
// the failed resources with their fields and fixes.
package pdf

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes PDF.
type Renderer struct{}

// New returns the PDF renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "pdf" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".pdf" }

type rgb struct{ r, g, b int }

var sevColor = map[finding.Severity]rgb{
	finding.SeverityCritical: {123, 31, 162},
	finding.SeverityHigh:     {198, 40, 40},
	finding.SeverityMedium:   {239, 108, 0},
	finding.SeverityLow:      {249, 168, 37},
	finding.SeverityUnknown:  {96, 125, 139},
}

type doc struct {
	*fpdf.Fpdf
	tr func(string) string
}

func (d *doc) text(s string) string { return d.tr(s) }

const (
	margin = 15.0
	width  = 180.0 // A4 width minus margins
	lineH  = 5.0
)

// Render implements render.Renderer.
func (*Renderer) Render(w io.Writer, rep *finding.Report, _ render.Options) error {
	p := fpdf.New("P", "mm", "A4", "")
	d := &doc{Fpdf: p, tr: p.UnicodeTranslatorFromDescriptor("")}
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.SetTitle("Kubescape report", true)
	p.SetCreator(rep.Generator.Name+" "+rep.Generator.Version, true)
	if !rep.GeneratedAt.IsZero() {
		p.SetCreationDate(rep.GeneratedAt)
		p.SetModificationDate(rep.GeneratedAt)
	}
	p.AliasNbPages("")
	p.SetFooterFunc(func() {
		p.SetY(-10)
		p.SetFont("Helvetica", "", 8)
		p.SetTextColor(120, 120, 120)
		p.CellFormat(0, 5, fmt.Sprintf("Kubescape report - page %d of {nb}", p.PageNo()), "", 0, "C", false, 0, "")
	})
	p.AddPage()

	// Title and target.
	p.SetFont("Helvetica", "B", 20)
	p.SetTextColor(28, 36, 48)
	p.CellFormat(0, 10, "Kubescape report", "", 1, "L", false, 0, "")
	p.SetFont("Helvetica", "", 9)
	p.SetTextColor(95, 107, 122)
	target := rep.Target.Type
	if len(rep.Target.Paths) > 0 {
		target += ": " + strings.Join(rep.Target.Paths, ", ")
	}
	p.MultiCell(0, lineH, d.text(fmt.Sprintf("%s - %s - %s %s", target, rep.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC"), rep.Generator.Name, rep.Generator.Version)), "", "L", false)
	if !rep.Summary.Complete {
		p.SetTextColor(198, 40, 40)
		p.MultiCell(0, lineH, "The scan is incomplete: part of the input could not be read (see Input not scanned).", "", "L", false)
	}
	p.Ln(3)

	// Score cards.
	sum := rep.Summary
	cards := [][2]string{
		{pct(sum.ComplianceScore), "compliance"},
		{fmt.Sprintf("%.2f", sum.RiskScore), "risk"},
		{fmt.Sprintf("%d / %d", sum.Controls.Failed, sum.Controls.Total), "controls failed"},
		{fmt.Sprintf("%d / %d", sum.Resources.Failed, sum.Resources.Total), "resources failed"},
		{fmt.Sprintf("%d", sum.Controls.Skipped), "controls skipped"},
	}
	cw := width / float64(len(cards))
	y := p.GetY()
	for i, c := range cards {
		x := margin + float64(i)*cw
		p.SetDrawColor(221, 227, 234)
		p.Rect(x, y, cw-2, 16, "D")
		p.SetXY(x+2, y+2)
		p.SetFont("Helvetica", "B", 13)
		p.SetTextColor(28, 36, 48)
		p.CellFormat(cw-4, 6, c[0], "", 2, "L", false, 0, "")
		p.SetFont("Helvetica", "", 8)
		p.SetTextColor(95, 107, 122)
		p.CellFormat(cw-4, 5, c[1], "", 0, "L", false, 0, "")
	}
	p.SetXY(margin, y+20)

	// Failed controls by severity.
	heading(d, "Failed controls by severity")
	bars := []struct {
		label string
		sev   finding.Severity
		n     int
	}{{"Critical", finding.SeverityCritical, sum.FailedControls.Critical}, {"High", finding.SeverityHigh, sum.FailedControls.High},
		{"Medium", finding.SeverityMedium, sum.FailedControls.Medium}, {"Low", finding.SeverityLow, sum.FailedControls.Low}}
	maxN := 1
	for _, b := range bars {
		if b.n > maxN {
			maxN = b.n
		}
	}
	for _, b := range bars {
		y := p.GetY()
		p.SetFont("Helvetica", "", 9)
		p.SetTextColor(28, 36, 48)
		p.CellFormat(22, 6, b.label, "", 0, "L", false, 0, "")
		c := sevColor[b.sev]
		p.SetFillColor(c.r, c.g, c.b)
		wBar := float64(b.n) * 100 / float64(maxN)
		if wBar > 0 {
			p.Rect(margin+22, y+0.8, wBar, 4.4, "F")
		}
		p.SetXY(margin+24+wBar, y)
		p.CellFormat(20, 6, fmt.Sprintf("%d", b.n), "", 1, "L", false, 0, "")
	}
	p.Ln(2)

	// Frameworks.
	if len(rep.Frameworks) > 0 {
		heading(d, "Frameworks")
		t := table{d: d, widths: []float64{70, 30, 25, 30, 25}}
		t.header("Framework", "Compliance", "Risk", "Failed controls", "Skipped")
		for _, fw := range rep.Frameworks {
			t.row(nil, fw.Name, pct(fw.ComplianceScore), fmt.Sprintf("%.2f", fw.RiskScore),
				fmt.Sprintf("%d / %d", fw.Controls.Failed, fw.Controls.Total), fmt.Sprintf("%d", fw.Controls.Skipped))
		}
		p.Ln(2)
	}

	// Controls: failed first, by severity.
	controls := append([]finding.Control(nil), rep.Controls...)
	sort.SliceStable(controls, func(i, j int) bool {
		a, b := controls[i], controls[j]
		if (a.Status == finding.StatusFailed) != (b.Status == finding.StatusFailed) {
			return a.Status == finding.StatusFailed
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.ID < b.ID
	})
	heading(d, "Controls")
	t := table{d: d, widths: []float64{18, 86, 18, 18, 20, 20}}
	t.header("ID", "Control", "Severity", "Status", "Failed", "Compliance")
	for _, c := range controls {
		col := sevColor[c.Severity]
		t.row(&col, c.ID, c.Name, c.Severity.String(), string(c.Status),
			fmt.Sprintf("%d / %d", c.Resources.Failed, c.Resources.Total), pct(c.ComplianceScore))
	}

	// Failed resources.
	names := map[string]*finding.Control{}
	for i := range rep.Controls {
		names[rep.Controls[i].ID] = &rep.Controls[i]
	}
	first := true
	for _, r := range rep.Resources {
		var failed []finding.ResourceControl
		for _, c := range r.Controls {
			if c.Status == finding.StatusFailed {
				failed = append(failed, c)
			}
		}
		if len(failed) == 0 {
			continue
		}
		if first {
			p.AddPage()
			heading(d, "Failed resources")
			first = false
		}
		title := r.Title()
		where := ""
		if r.Source != nil {
			where = r.Source.Path
			if r.Source.Line > 0 {
				where = fmt.Sprintf("%s:%d", r.Source.Path, r.Source.Line)
			}
		}
		p.SetFont("Helvetica", "B", 10)
		p.SetTextColor(28, 36, 48)
		p.MultiCell(0, 6, d.text(title+"   "+where), "T", "L", false)
		for _, c := range failed {
			name := c.ControlID
			if ctl := names[c.ControlID]; ctl != nil {
				name = fmt.Sprintf("%s %s (%s)", c.ControlID, ctl.Name, ctl.Severity)
			}
			p.SetFont("Helvetica", "B", 9)
			p.SetX(margin + 3)
			p.MultiCell(width-3, lineH, d.text(name), "", "L", false)
			p.SetFont("Helvetica", "", 8.5)
			for _, f := range c.Findings {
				p.SetX(margin + 6)
				loc := ""
				if len(f.Locations) > 0 {
					loc = fmt.Sprintf(" (line %d)", f.Locations[0].Line)
				}
				p.MultiCell(width-6, 4.5, d.text("- "+f.Message+loc), "", "L", false)
				for _, fx := range f.FixPaths {
					v := fx.Value
					if strings.HasPrefix(v, "YOUR_") {
						v = "a value you choose"
					}
					p.SetX(margin + 10)
					p.MultiCell(width-10, 4.5, d.text("fix: set "+fx.Path+" to "+v), "", "L", false)
				}
				for _, del := range f.DeletePaths {
					p.SetX(margin + 10)
					p.MultiCell(width-10, 4.5, d.text("fix: remove "+del), "", "L", false)
				}
			}
		}
		p.Ln(1)
	}

	// Input problems.
	var errs []finding.InputProblem
	for _, ip := range rep.InputProblems {
		if ip.Level == "error" {
			errs = append(errs, ip)
		}
	}
	if len(errs) > 0 {
		heading(d, "Input not scanned")
		p.SetFont("Helvetica", "", 8.5)
		for _, ip := range errs {
			loc := ip.Path
			if ip.Line > 0 {
				loc = fmt.Sprintf("%s:%d", ip.Path, ip.Line)
			}
			p.MultiCell(0, 4.5, d.text(loc+": "+ip.Message), "", "L", false)
		}
	}
	if err := p.Error(); err != nil {
		return err
	}
	return p.Output(w)
}

func heading(d *doc, s string) {
	d.Ln(2)
	d.SetFont("Helvetica", "B", 13)
	d.SetTextColor(28, 36, 48)
	d.CellFormat(0, 8, d.text(s), "B", 1, "L", false, 0, "")
	d.Ln(1)
}

type table struct {
	d      *doc
	widths []float64
	head   []string
}

func (t *table) header(cols ...string) {
	t.head = cols
	t.printHeader()
}

func (t *table) printHeader() {
	p := t.d
	p.SetFont("Helvetica", "B", 8.5)
	p.SetFillColor(240, 243, 246)
	p.SetTextColor(28, 36, 48)
	for i, c := range t.head {
		p.CellFormat(t.widths[i], 6, t.d.text(c), "B", 0, "L", true, 0, "")
	}
	p.Ln(-1)
}

// row prints one row; the text of each cell is cut to fit its width on one line. The third cell
// is coloured by severity when a colour is given.
func (t *table) row(sev *rgb, cols ...string) {
	p := t.d
	_, pageH := p.GetPageSize()
	if p.GetY()+6 > pageH-margin-6 {
		p.AddPage()
		t.printHeader()
	}
	p.SetFont("Helvetica", "", 8.5)
	for i, c := range cols {
		txt := fit(p.Fpdf, t.d.text(c), t.widths[i]-2)
		if sev != nil && i == 2 {
			p.SetTextColor(sev.r, sev.g, sev.b)
		} else {
			p.SetTextColor(28, 36, 48)
		}
		p.CellFormat(t.widths[i], 5.5, txt, "B", 0, "L", false, 0, "")
	}
	p.SetTextColor(28, 36, 48)
	p.Ln(-1)
}

// fit shortens text with an ellipsis until it fits a width.
func fit(p *fpdf.Fpdf, s string, w float64) string {
	if p.GetStringWidth(s) <= w {
		return s
	}
	for len(s) > 1 && p.GetStringWidth(s+"...") > w {
		s = s[:len(s)-1]
	}
	return s + "..."
}

func pct(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", *v)
}
