package prometheus_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/prometheus"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelName  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// TestParses reads the output with Prometheus' own text parser and checks names, labels and
// the values of the reference tool's metrics.
func TestParses(t *testing.T) {
	rep := *rendertest.Report(t)
	var buf bytes.Buffer
	if err := prometheus.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the Prometheus text parser refuses the output: %v", err)
	}
	for name, f := range families {
		if !metricName.MatchString(name) {
			t.Errorf("metric name %q breaks the naming rules", name)
		}
		for _, m := range f.Metric {
			for _, l := range m.Label {
				if !labelName.MatchString(l.GetName()) || len(l.GetName()) > 1 && l.GetName()[:2] == "__" {
					t.Errorf("%s: label name %q breaks the naming rules", name, l.GetName())
				}
			}
		}
	}
	for _, want := range []string{
		"kubescape_cluster_complianceScore", "kubescape_cluster_count_resources_failed", "kubescape_cluster_count_control_failed",
		"kubescape_framework_complianceScore", "kubescape_framework_count_resources_failed", "kubescape_framework_count_control_passed",
		"kubescape_control_complianceScore", "kubescape_control_count_resources_failed", "kubescape_resource_count_controls_failed",
	} {
		if families[want] == nil {
			t.Errorf("metric %s missing", want)
		}
	}
	if got := families["kubescape_cluster_complianceScore"].Metric[0].GetGauge().GetValue(); got != *rep.Summary.ComplianceScore {
		t.Errorf("cluster compliance %v, want %v", got, *rep.Summary.ComplianceScore)
	}
	if got := families["kubescape_cluster_count_control_failed"].Metric[0].GetGauge().GetValue(); int(got) != rep.Summary.Controls.Failed {
		t.Errorf("failed controls %v, want %d", got, rep.Summary.Controls.Failed)
	}
	fw := families["kubescape_framework_complianceScore"].Metric[0]
	if fw.Label[0].GetName() != "name" || fw.Label[0].GetValue() != rep.Frameworks[0].Name {
		t.Errorf("framework labels %v", fw.Label)
	}
	ctl := families["kubescape_control_count_resources_failed"].Metric[0]
	names := map[string]bool{}
	for _, l := range ctl.Label {
		names[l.GetName()] = true
	}
	if !names["name"] || !names["severity"] || !names["link"] {
		t.Errorf("control labels %v", ctl.Label)
	}
}
