package helm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

var chartDir = filepath.Join("..", "..", "..", "test", "testdata", "helm", "shop")

func render(t *testing.T, opts Options, dir string) (map[string]Manifest, []source.Problem) {
	t.Helper()
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ms, problems := r.Render(dir)
	out := map[string]Manifest{}
	for _, m := range ms {
		out[m.Info.Template] = m
	}
	return out, problems
}

func TestRenderDefaults(t *testing.T) {
	ms, problems := render(t, Options{}, chartDir)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	want := map[string]string{
		"templates/deployment.yaml":               "shop",
		"templates/service.yaml":                  "shop",
		"charts/cache/templates/statefulset.yaml": "cache",
	}
	if len(ms) != len(want) {
		t.Errorf("rendered %d templates, want %d (partials and NOTES.txt left out): %v", len(ms), len(want), keys(ms))
	}
	for tpl, chart := range want {
		m, ok := ms[tpl]
		if !ok {
			t.Errorf("template %s not rendered", tpl)
			continue
		}
		if m.Info.Generator != resource.GeneratorHelm || m.Info.Chart != chart || m.Info.Root != chartDir {
			t.Errorf("%s: info %+v", tpl, m.Info)
		}
		if m.Path != filepath.Join(chartDir, filepath.FromSlash(tpl)) {
			t.Errorf("%s: path %s", tpl, m.Path)
		}
	}
	dep := string(ms["templates/deployment.yaml"].Data)
	for _, s := range []string{"name: release-name-shop", "namespace: default", "privileged: false", "cpu: 500m", "image: \"ghcr.io/example/shop:1.4.2\""} {
		if !strings.Contains(dep, s) {
			t.Errorf("deployment lacks %q:\n%s", s, dep)
		}
	}
}

func TestRenderUserValues(t *testing.T) {
	ms, problems := render(t, Options{
		ValueFiles:  []string{filepath.Join(chartDir, "values-debug.yaml")},
		Set:         []string{"replicaCount=5"},
		SetString:   []string{"image.tag=2.0"},
		ReleaseName: "prod",
		Namespace:   "shop",
	}, chartDir)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if _, ok := ms["charts/cache/templates/statefulset.yaml"]; ok {
		t.Error("the override disables the cache subchart (condition cache.enabled), but it was rendered")
	}
	dep := string(ms["templates/deployment.yaml"].Data)
	for _, s := range []string{"name: prod-shop", "namespace: shop", "privileged: true", "replicas: 5", "shop:2.0\""} {
		if !strings.Contains(dep, s) {
			t.Errorf("deployment lacks %q:\n%s", s, dep)
		}
	}
}

func TestNewRefusesBadValues(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("a: [1, 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, opts := range map[string]Options{
		"missing file": {ValueFiles: []string{filepath.Join(dir, "nope.yaml")}},
		"bad yaml":     {ValueFiles: []string{bad}},
		"remote":       {ValueFiles: []string{"https://example.com/values.yaml"}},
		"bad set":      {Set: []string{"a[x]=1"}},
	} {
		if _, err := New(opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func writeChart(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRenderErrorsAreProblems(t *testing.T) {
	chartYAML := "apiVersion: v2\nname: broken\nversion: 0.1.0\n"
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"template syntax": {map[string]string{"Chart.yaml": chartYAML, "templates/a.yaml": "kind: {{ .Values.x \n"}, "templates/a.yaml"},
		"required value":  {map[string]string{"Chart.yaml": chartYAML, "templates/a.yaml": `name: {{ required "x is required" .Values.x }}`}, "x is required"},
		"bad Chart.yaml":  {map[string]string{"Chart.yaml": "name: [\n"}, "Chart.yaml"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := writeChart(t, tc.files)
			ms, problems := render(t, Options{}, dir)
			if len(ms) != 0 || len(problems) != 1 {
				t.Fatalf("manifests %v problems %v", keys(ms), problems)
			}
			p := problems[0]
			if p.Level != source.LevelError || p.Path != dir || !strings.Contains(p.Message, tc.want) {
				t.Errorf("problem %+v, want an error on the chart naming %q", p, tc.want)
			}
		})
	}
}

func TestRenderMissingDependency(t *testing.T) {
	dir := writeChart(t, map[string]string{
		"Chart.yaml":       "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    repository: https://charts.example.com\n",
		"templates/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
	})
	ms, problems := render(t, Options{}, dir)
	if len(ms) != 1 {
		t.Errorf("the rest of the chart is rendered: %v", keys(ms))
	}
	if len(problems) != 1 || problems[0].Level != source.LevelError || !strings.Contains(problems[0].Message, "missing in charts/ directory: db") {
		t.Errorf("problems %v", problems)
	}
}

func TestTemplatePath(t *testing.T) {
	tests := map[string][2]string{
		"app/templates/a.yaml":                       {"templates/a.yaml", "app"},
		"app/charts/redis/templates/sts.yaml":        {"charts/redis/templates/sts.yaml", "redis"},
		"app/charts/a/charts/b/templates/x.yaml":     {"charts/a/charts/b/templates/x.yaml", "b"},
		"app/templates/charts/not-a-subchart/x.yaml": {"templates/charts/not-a-subchart/x.yaml", "app"},
	}
	for in, want := range tests {
		rel, chart := templatePath(in)
		if rel != want[0] || chart != want[1] {
			t.Errorf("templatePath(%s) = %s, %s; want %v", in, rel, chart, want)
		}
	}
}

func keys(m map[string]Manifest) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
