// Package prometheus renders a report in the Prometheus text exposition format, with the
// metric names and labels of the reference tool, so that existing dashboards and alerts keep
// working when the report is served or pushed.
package prometheus

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes Prometheus text.
type Renderer struct{}

// New returns the Prometheus renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "prometheus" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".prom" }

// family is one metric family: its help, and its samples in order.
type family struct {
	name, help string
	samples    []sample
}

type sample struct {
	labels [][2]string
	value  float64
}

type writer struct {
	order    []string
	families map[string]*family
}

func (w *writer) add(name, help string, value float64, labels ...string) {
	f := w.families[name]
	if f == nil {
		f = &family{name: name, help: help}
		w.families[name] = f
		w.order = append(w.order, name)
	}
	s := sample{value: value}
	for i := 0; i+1 < len(labels); i += 2 {
		s.labels = append(s.labels, [2]string{labels[i], labels[i+1]})
	}
	f.samples = append(f.samples, s)
}

// Render implements render.Renderer.
func (*Renderer) Render(out io.Writer, rep *finding.Report, _ render.Options) error {
	w := &writer{families: map[string]*family{}}
	sum := rep.Summary
	if sum.ComplianceScore != nil {
		w.add("kubescape_cluster_complianceScore", "Compliance score of the scan (0-100).", *sum.ComplianceScore)
	}
	counts := func(prefix, what, help string, c finding.Counters, labels ...string) {
		w.add(prefix+"_count_"+what+"_failed", help+" that failed.", float64(c.Failed), labels...)
		w.add(prefix+"_count_"+what+"_skipped", help+" that were skipped.", float64(c.Skipped), labels...)
		w.add(prefix+"_count_"+what+"_passed", help+" that passed.", float64(c.Passed), labels...)
	}
	counts("kubescape_cluster", "resources", "Resources of the scan", sum.Resources)
	counts("kubescape_cluster", "control", "Controls of the scan", sum.Controls)
	if t := sum.Controls.Total; t > 0 {
		w.add("kubescape_cluster_coverage_score", "Share of the controls that could be evaluated (0-100).",
			float64(t-sum.Controls.Skipped)*100/float64(t))
	}
	for _, fw := range rep.Frameworks {
		if fw.ComplianceScore != nil {
			w.add("kubescape_framework_complianceScore", "Compliance score of a framework (0-100).", *fw.ComplianceScore, "name", fw.Name)
		}
	}
	fwResources := frameworkResources(rep)
	for _, fw := range rep.Frameworks {
		counts("kubescape_framework", "resources", "Resources of a framework", fwResources[fw.Name], "name", fw.Name)
	}
	for _, fw := range rep.Frameworks {
		counts("kubescape_framework", "control", "Controls of a framework", fw.Controls, "name", fw.Name)
	}
	for _, c := range rep.Controls {
		if c.ComplianceScore != nil {
			w.add("kubescape_control_complianceScore", "Compliance score of a control (0-100).", *c.ComplianceScore,
				"name", c.Name, "severity", strings.ToLower(c.Severity.String()), "link", link(c.ID))
		}
	}
	for _, c := range rep.Controls {
		counts("kubescape_control", "resources", "Resources of a control", c.Resources,
			"name", c.Name, "severity", strings.ToLower(c.Severity.String()), "link", link(c.ID))
	}
	for _, r := range rep.Resources {
		failed, skipped := 0, 0
		for _, c := range r.Controls {
			switch c.Status {
			case finding.StatusFailed:
				failed++
			case finding.StatusSkipped:
				skipped++
			}
		}
		labels := []string{"apiVersion", r.APIVersion, "kind", r.Kind, "namespace", r.Namespace, "name", r.Name}
		w.add("kubescape_resource_count_controls_failed", "Controls a resource failed.", float64(failed), labels...)
		w.add("kubescape_resource_count_controls_skipped", "Controls that could not be evaluated on a resource.", float64(skipped), labels...)
	}

	bw := bufio.NewWriter(out)
	for _, name := range w.order {
		f := w.families[name]
		fmt.Fprintf(bw, "# HELP %s %s\n# TYPE %s gauge\n", name, escapeHelp(f.help), name)
		for _, s := range f.samples {
			bw.WriteString(name)
			if len(s.labels) > 0 {
				bw.WriteByte('{')
				for i, l := range s.labels {
					if i > 0 {
						bw.WriteByte(',')
					}
					fmt.Fprintf(bw, "%s=\"%s\"", l[0], escapeLabel(l[1]))
				}
				bw.WriteByte('}')
			}
			bw.WriteByte(' ')
			bw.WriteString(strconv.FormatFloat(s.value, 'g', -1, 64))
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// link is the documentation of a control (the reference tool's dashboards expect the label).
func link(id string) string {
	return "https://github.com/kubescape-ng/kubescape/blob/main/docs/controls.md#" + strings.ToLower(id)
}

// frameworkResources counts, per framework, resources by their worst status on its controls.
func frameworkResources(rep *finding.Report) map[string]finding.Counters {
	out := map[string]finding.Counters{}
	for _, fw := range rep.Frameworks {
		in := map[string]bool{}
		for _, id := range fw.ControlIDs {
			in[id] = true
		}
		var c finding.Counters
		for _, r := range rep.Resources {
			failed, skipped, touched := false, false, false
			for _, rc := range r.Controls {
				if !in[rc.ControlID] {
					continue
				}
				touched = true
				failed = failed || rc.Status == finding.StatusFailed
				skipped = skipped || rc.Status == finding.StatusSkipped
			}
			for _, id := range r.PassedControls {
				touched = touched || in[id]
			}
			if !touched {
				continue
			}
			c.Total++
			switch {
			case failed:
				c.Failed++
			case skipped:
				c.Skipped++
			default:
				c.Passed++
			}
		}
		out[fw.Name] = c
	}
	return out
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(s)
}
