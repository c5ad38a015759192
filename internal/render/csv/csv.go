// Package csv renders the findings of a report as CSV, one row per finding, for spreadsheets
// and data tools.
package csv

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes CSV.
type Renderer struct{}

// New returns the CSV renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "csv" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".csv" }

// Header is the first row.
var Header = []string{"controlID", "controlName", "severity", "status", "resourceID", "kind", "namespace", "name",
	"file", "line", "column", "message", "failedPaths", "fixPaths", "reason"}

// Render implements render.Renderer.
func (*Renderer) Render(out io.Writer, rep *finding.Report, _ render.Options) error {
	controls := map[string]*finding.Control{}
	for i := range rep.Controls {
		controls[rep.Controls[i].ID] = &rep.Controls[i]
	}
	w := csv.NewWriter(out)
	if err := w.Write(Header); err != nil {
		return err
	}
	for _, r := range rep.Resources {
		file := ""
		if r.Source != nil {
			file = r.Source.Path
		}
		for _, c := range r.Controls {
			name, sev := "", ""
			if ctl := controls[c.ControlID]; ctl != nil {
				name, sev = ctl.Name, ctl.Severity.String()
			}
			row := func(f *finding.Finding) []string {
				rec := []string{c.ControlID, name, sev, string(c.Status), r.ResourceID, r.Kind, r.Namespace, r.Name, file, "", "", "", "", "", c.Reason}
				if f == nil {
					return rec
				}
				if len(f.Locations) > 0 {
					l := f.Locations[0]
					if l.File != "" {
						rec[8] = l.File
					}
					rec[9], rec[10] = strconv.Itoa(l.Line), strconv.Itoa(l.Column)
				} else if f.Line > 0 {
					rec[9] = strconv.Itoa(f.Line)
				}
				rec[11] = f.Message
				rec[12] = strings.Join(f.FailedPaths, ";")
				var fixes []string
				for _, fx := range f.FixPaths {
					fixes = append(fixes, fx.Path+"="+fx.Value)
				}
				rec[13] = strings.Join(fixes, ";")
				return rec
			}
			if len(c.Findings) == 0 {
				if err := w.Write(sanitize(row(nil))); err != nil {
					return err
				}
				continue
			}
			for i := range c.Findings {
				if err := w.Write(sanitize(row(&c.Findings[i]))); err != nil {
					return err
				}
			}
		}
	}
	w.Flush()
	return w.Error()
}

// sanitize defuses cells a spreadsheet would run as a formula (CSV injection): a value from a
// scanned manifest must never execute when the report is opened.
func sanitize(rec []string) []string {
	for i, v := range rec {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			rec[i] = "'" + v
		}
	}
	return rec
}
