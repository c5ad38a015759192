// Package html renders a report as one self-contained HTML file: the scores, a chart of failed
// controls by severity, a sortable and filterable table of controls, and per-resource details
// with the failing paths and fixes. Styles, script and chart are inline: opening the file makes
// no network request. It prints cleanly (details open, controls hidden).
package html

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes HTML.
type Renderer struct{}

// New returns the HTML renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "html" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".html" }

//go:embed report.html.tmpl
var pageText string

//go:embed report.css
var styleText string

//go:embed report.js
var scriptText string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(v *float64) string {
		if v == nil {
			return "n/a"
		}
		return fmt.Sprintf("%.2f%%", *v)
	},
	"num": func(v *float64) string {
		if v == nil {
			return "-1"
		}
		return fmt.Sprintf("%.2f", *v)
	},
	"lower": strings.ToLower,
}).Parse(pageText))

type view struct {
	Report    *finding.Report
	Style     template.CSS
	Script    template.JS
	Chart     []bar
	ChartMax  int
	Controls  []controlRow
	Resources []resourceView
	Problems  []finding.InputProblem
	Target    string
}

type bar struct {
	Label string
	Count int
	Class string
	Y     int
	Width int
}

type controlRow struct {
	finding.Control
	Number string
	Fails  int
}

type resourceView struct {
	Title    string
	Where    string
	Rendered string
	Controls []resourceControl
}

type resourceControl struct {
	ID, Name, Severity string
	Status             string
	Reason             string
	Findings           []findingView
}

type findingView struct {
	Message string
	Where   string
	Paths   []pathView
}

type pathView struct {
	Kind, Path, Value, Where string
}

// Render implements render.Renderer.
func (*Renderer) Render(w io.Writer, rep *finding.Report, _ render.Options) error {
	// The style and script are our own embedded files, not report data: trusted as they are.
	v := view{Report: rep, Style: template.CSS(styleText), Script: template.JS(scriptText), Problems: rep.InputProblems} //nolint:gosec // constant embedded assets

	v.Target = rep.Target.Type
	if len(rep.Target.Paths) > 0 {
		v.Target += ": " + strings.Join(rep.Target.Paths, ", ")
	}
	numbers := map[string]string{}
	for _, fw := range rep.Frameworks {
		for id, n := range fw.Numbers {
			if _, ok := numbers[id]; !ok {
				numbers[id] = n
			}
		}
	}
	names := map[string]*finding.Control{}
	for i := range rep.Controls {
		c := &rep.Controls[i]
		names[c.ID] = c
		row := controlRow{Control: *c, Fails: c.Resources.Failed}
		if n := numbers[c.ID]; n != "" {
			row.Number = "CIS-" + n
		}
		v.Controls = append(v.Controls, row)
	}
	sort.SliceStable(v.Controls, func(i, j int) bool {
		a, b := v.Controls[i], v.Controls[j]
		if (a.Status == finding.StatusFailed) != (b.Status == finding.StatusFailed) {
			return a.Status == finding.StatusFailed
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.ID < b.ID
	})

	sev := rep.Summary.FailedControls
	v.Chart = []bar{{Label: "Critical", Count: sev.Critical, Class: "critical"}, {Label: "High", Count: sev.High, Class: "high"},
		{Label: "Medium", Count: sev.Medium, Class: "medium"}, {Label: "Low", Count: sev.Low, Class: "low"}}
	for _, b := range v.Chart {
		if b.Count > v.ChartMax {
			v.ChartMax = b.Count
		}
	}
	for i := range v.Chart {
		v.Chart[i].Y = 10 + i*34
		if v.ChartMax > 0 {
			v.Chart[i].Width = v.Chart[i].Count * 300 / v.ChartMax
		}
	}

	for _, r := range rep.Resources {
		if len(r.Controls) == 0 {
			continue
		}
		rv := resourceView{Title: r.Title()}
		if s := r.Source; s != nil {
			rv.Where = s.Path
			if s.Line > 0 {
				rv.Where = fmt.Sprintf("%s:%d", s.Path, s.Line)
			}
			if g := s.Generated; g != nil {
				if g.Chart != "" {
					rv.Rendered = "rendered from Helm chart " + g.Chart
				} else {
					rv.Rendered = "built by Kustomize"
				}
			}
		}
		for _, c := range r.Controls {
			rc := resourceControl{ID: c.ControlID, Status: string(c.Status), Reason: c.Reason}
			if ctl := names[c.ControlID]; ctl != nil {
				rc.Name, rc.Severity = ctl.Name, ctl.Severity.String()
			}
			for _, f := range c.Findings {
				fv := findingView{Message: f.Message}
				locs := map[string]string{}
				for _, l := range f.Locations {
					file := l.File
					if file == "" && r.Source != nil {
						file = r.Source.Path
					}
					where := fmt.Sprintf("%s:%d", file, l.Line)
					if l.Parent {
						where += " (parent)"
					}
					locs[l.Kind+"\x00"+l.Path] = where
				}
				if len(f.Locations) > 0 {
					fv.Where = locs[f.Locations[0].Kind+"\x00"+f.Locations[0].Path]
				}
				f.EachPath(func(kind, path string) {
					pv := pathView{Kind: kind, Path: path, Where: locs[kind+"\x00"+path]}
					if kind == finding.PathFix {
						for _, fx := range f.FixPaths {
							if fx.Path == path {
								pv.Value = fx.Value
								if strings.HasPrefix(fx.Value, "YOUR_") {
									pv.Value = "a value you choose"
								}
							}
						}
					}
					fv.Paths = append(fv.Paths, pv)
				})
				rc.Findings = append(rc.Findings, fv)
			}
			rv.Controls = append(rv.Controls, rc)
		}
		v.Resources = append(v.Resources, rv)
	}
	return page.Execute(w, v)
}
