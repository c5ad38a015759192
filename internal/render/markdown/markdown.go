// Package markdown renders a report as Markdown for pull-request comments and CI job summaries:
// the scores, a table of failed controls, and the failed resources with the field and the fix.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes Markdown.
type Renderer struct{}

// New returns the Markdown renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "markdown" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".md" }

// maxResources bounds the per-resource details: PR comments have size limits.
const maxResources = 50

// Render implements render.Renderer.
func (*Renderer) Render(out io.Writer, rep *finding.Report, opts render.Options) error {
	w := bufio.NewWriter(out)
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	sum := rep.Summary
	p("## Kubescape scan\n\n")
	p("| Compliance | Risk | Failed controls | Resources failed | Objects |\n| --- | --- | --- | --- | --- |\n")
	p("| %s | %.2f | %d of %d (critical %d, high %d, medium %d, low %d) | %d of %d | %d |\n\n",
		pct(sum.ComplianceScore), sum.RiskScore, sum.Controls.Failed, sum.Controls.Total,
		sum.FailedControls.Critical, sum.FailedControls.High, sum.FailedControls.Medium, sum.FailedControls.Low,
		sum.Resources.Failed, sum.Resources.Total, sum.Objects)
	if !sum.Complete {
		p("> [!WARNING]\n> The scan is incomplete: part of the input could not be read.\n\n")
	}
	if len(rep.Frameworks) > 0 {
		p("| Framework | Compliance | Failed controls |\n| --- | --- | --- |\n")
		for _, fw := range rep.Frameworks {
			p("| %s | %s | %d of %d |\n", cell(fw.Name), pct(fw.ComplianceScore), fw.Controls.Failed, fw.Controls.Total)
		}
		p("\n")
	}

	var failed []finding.Control
	for _, c := range rep.Controls {
		if c.Status == finding.StatusFailed {
			failed = append(failed, c)
		}
	}
	sort.SliceStable(failed, func(i, j int) bool {
		if failed[i].Severity != failed[j].Severity {
			return failed[i].Severity > failed[j].Severity
		}
		return failed[i].ID < failed[j].ID
	})
	if len(failed) == 0 {
		p("No control failed.\n")
	} else {
		p("### Failed controls\n\n| Severity | Control | Failed resources | Compliance |\n| --- | --- | --- | --- |\n")
		for _, c := range failed {
			p("| %s | %s %s | %d of %d | %s |\n", c.Severity, c.ID, cell(c.Name), c.Resources.Failed, c.Resources.Total, pct(c.ComplianceScore))
		}
		p("\n")
	}

	names := map[string]string{}
	for _, c := range rep.Controls {
		names[c.ID] = c.Name
	}
	shown := 0
	var details strings.Builder
	for _, r := range rep.Resources {
		var fails []finding.ResourceControl
		for _, c := range r.Controls {
			if c.Status == finding.StatusFailed {
				fails = append(fails, c)
			}
		}
		if len(fails) == 0 {
			continue
		}
		shown++
		if shown > maxResources {
			continue
		}
		title := r.Title()
		fmt.Fprintf(&details, "<details><summary>%s %s (%d controls)</summary>\n\n", escapeHTML(title), escapeHTML(where(r.Source)), len(fails))
		for _, c := range fails {
			fmt.Fprintf(&details, "- **%s %s**\n", c.ControlID, cell(names[c.ControlID]))
			for _, f := range c.Findings {
				loc := ""
				if len(f.Locations) > 0 && r.Source != nil {
					file := f.Locations[0].File
					if file == "" {
						file = r.Source.Path
					}
					loc = fmt.Sprintf(" (`%s:%d`)", file, f.Locations[0].Line)
				}
				fmt.Fprintf(&details, "  - %s%s\n", cell(f.Message), loc)
				for _, fx := range f.FixPaths {
					if strings.HasPrefix(fx.Value, "YOUR_") {
						fmt.Fprintf(&details, "    - fix: set `%s` to a value you choose\n", fx.Path)
					} else {
						fmt.Fprintf(&details, "    - fix: set `%s` to `%s`\n", fx.Path, fx.Value)
					}
				}
				for _, d := range f.DeletePaths {
					fmt.Fprintf(&details, "    - fix: remove `%s`\n", d)
				}
			}
		}
		details.WriteString("\n</details>\n\n")
	}
	if shown > 0 {
		p("### Failed resources\n\n%s", details.String())
		if shown > maxResources {
			p("… and %d more failed resources (see the full report).\n\n", shown-maxResources)
		}
	}
	errs := 0
	for _, ip := range rep.InputProblems {
		if ip.Level == "error" {
			errs++
		}
	}
	if errs > 0 {
		p("### Input not scanned\n\n")
		for _, ip := range rep.InputProblems {
			if ip.Level == "error" {
				loc := ip.Path
				if ip.Line > 0 {
					loc = fmt.Sprintf("%s:%d", ip.Path, ip.Line)
				}
				p("- `%s`: %s\n", loc, cell(ip.Message))
			}
		}
		p("\n")
	}
	if opts.Verbose {
		var skipped []string
		for _, c := range rep.Controls {
			if c.Status == finding.StatusSkipped {
				skipped = append(skipped, fmt.Sprintf("- %s %s: %s", c.ID, cell(c.Name), cell(c.SkipReason)))
			}
		}
		if len(skipped) > 0 {
			p("### Skipped controls\n\n%s\n\n", strings.Join(skipped, "\n"))
		}
	}
	p("<sub>%s %s</sub>\n", rep.Generator.Name, rep.Generator.Version)
	return w.Flush()
}

func where(s *finding.Source) string {
	if s == nil || s.Path == "" {
		return ""
	}
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", s.Path, s.Line)
	}
	return s.Path
}

func pct(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", *v)
}

// cell makes text safe inside a Markdown table cell or list item.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
