package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// scanJSON runs a scan with a JSON report on stdout, checks it against the schema, and decodes it.
func scanJSON(t *testing.T, wantExit int, args ...string) *finding.Report {
	t.Helper()
	r := run(t, "", append(append([]string{"scan"}, args...), "--format", "json")...)
	wantCode(t, r, wantExit)
	validate(t, compileSchema(t), r.stdout)
	var rep finding.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

func resourceByID(rep *finding.Report, id string) *finding.Resource {
	for i := range rep.Resources {
		if rep.Resources[i].ResourceID == id {
			return &rep.Resources[i]
		}
	}
	return nil
}

func failedControls(r *finding.Resource) map[string]bool {
	out := map[string]bool{}
	for _, c := range r.Controls {
		if c.Status == finding.StatusFailed {
			out[c.ControlID] = true
		}
	}
	return out
}

// A tree holding a Helm chart (with a subchart) and a Kustomize overlay over a base: every
// object names the chart and template, or the kustomization folder, it came from.
func TestHelmAndKustomizeSources(t *testing.T) {
	rep := scanJSON(t, 0, "test/testdata")
	chart := filepath.Join("test", "testdata", "helm", "shop")
	overlay := filepath.Join("test", "testdata", "kustomize", "overlays", "prod")
	tests := []struct {
		id, path, generator, root, chart, template, control string
	}{
		{"apps/v1/default/StatefulSet/release-name-cache", filepath.Join(chart, "charts", "cache", "templates", "statefulset.yaml"),
			"helm", chart, "cache", "charts/cache/templates/statefulset.yaml", "C-0041"},
		{"apps/v1/default/Deployment/release-name-shop", filepath.Join(chart, "templates", "deployment.yaml"),
			"helm", chart, "shop", "templates/deployment.yaml", ""},
		{"apps/v1/prod/Deployment/prod-api", overlay, "kustomize", overlay, "", "", "C-0038"},
	}
	for _, tc := range tests {
		r := resourceByID(rep, tc.id)
		if r == nil {
			t.Errorf("%s not in the report", tc.id)
			continue
		}
		s := r.Source
		if s == nil || s.Generated == nil {
			t.Errorf("%s: source %+v", tc.id, s)
			continue
		}
		g := s.Generated
		if s.Path != tc.path || g.Generator != tc.generator || g.Root != tc.root || g.Chart != tc.chart || g.Template != tc.template || s.Line != 0 {
			t.Errorf("%s: source %+v generated %+v", tc.id, s, g)
		}
		if tc.control != "" && !failedControls(r)[tc.control] {
			t.Errorf("%s: %s does not fail", tc.id, tc.control)
		}
		for _, c := range r.Controls {
			for _, f := range c.Findings {
				if len(f.Locations) > 0 {
					t.Errorf("%s %s: a rendered object has no lines to point at, got %+v", tc.id, c.ControlID, f.Locations)
				}
			}
		}
	}
	// The base is deployed only through its overlay: it is not scanned a second time alone.
	for _, r := range rep.Resources {
		if strings.Contains(r.ResourceID, "/Deployment/api") {
			t.Errorf("the base was scanned on its own: %s", r.ResourceID)
		}
	}
	// The Deployment's privileged flag comes from the chart's default values (false).
	if r := resourceByID(rep, "apps/v1/default/Deployment/release-name-shop"); r != nil && failedControls(r)["C-0057"] {
		t.Error("with default values the shop is not privileged")
	}
}

func TestHelmValuesOverride(t *testing.T) {
	chart := filepath.Join("test", "testdata", "helm", "shop")
	rep := scanJSON(t, 0, "control", "C-0057,C-0041", chart,
		"--values", filepath.Join(chart, "values-debug.yaml"), "--release-name", "prod", "--release-namespace", "shop")
	r := resourceByID(rep, "apps/v1/shop/Deployment/prod-shop")
	if r == nil {
		t.Fatalf("the release name and namespace were not applied: %+v", rep.Resources)
	}
	if !failedControls(r)["C-0057"] {
		t.Error("the override makes the shop privileged, but C-0057 passed")
	}
	for _, r := range rep.Resources {
		if strings.Contains(r.ResourceID, "cache") {
			t.Errorf("the override disables the cache subchart, but %s was scanned", r.ResourceID)
		}
	}
}

func TestBrokenChartIsReportedAndTheRestScanned(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"chart/Chart.yaml":       "apiVersion: v2\nname: broken\nversion: 0.1.0\n",
		"chart/templates/a.yaml": "kind: {{ .Values.x \n",
		"pod.yaml":               privilegedPod,
	})
	r := run(t, "", "scan", dir)
	wantCode(t, r, 3)
	wantContains(t, r.stdout, filepath.Join(dir, "chart"), "Helm chart cannot be rendered", "C-0057", "The scan is incomplete")
	r = run(t, "", "scan", dir, "--set", "a[x]=1")
	wantCode(t, r, 2)
}

func TestExcludePath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"pod.yaml":          privilegedPod,
		"vendor/pod.yaml":   strings.Replace(privilegedPod, "name: bad", "name: vendored", 1),
		".kubescapeignore":  "vendor/\n",
		"other/keep.yaml":   strings.Replace(privilegedPod, "name: bad", "name: kept", 1),
		"other/secret.yaml": strings.Replace(privilegedPod, "name: bad", "name: excluded", 1),
	})
	rep := scanJSON(t, 0, dir, "--exclude-path", "other/secret.yaml")
	var names []string
	for _, r := range rep.Resources {
		names = append(names, r.Name)
	}
	got := strings.Join(names, ",")
	if strings.Contains(got, "vendored") || strings.Contains(got, "excluded") || !strings.Contains(got, "kept") {
		t.Errorf("resources %v", names)
	}
}
