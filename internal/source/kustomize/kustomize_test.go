package kustomize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

var testdata = filepath.Join("..", "..", "..", "test", "testdata", "kustomize")

func TestBuildOverlay(t *testing.T) {
	dir := filepath.Join(testdata, "overlays", "prod")
	ms, problems := Build(dir)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if len(ms) != 1 {
		t.Fatalf("want one build output, got %d", len(ms))
	}
	m := ms[0]
	if m.Path != dir || m.Info.Generator != resource.GeneratorKustomize || m.Info.Root != dir {
		t.Errorf("manifest %+v", m.Info)
	}
	out := string(m.Data)
	// The base, the patch, the namespace and prefix, and the generator all took effect.
	for _, s := range []string{"name: prod-api", "namespace: prod", "hostPID: true", "allowPrivilegeEscalation: false", "kind: ConfigMap", "name: prod-api-config-", "LOG_LEVEL: info"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestBases(t *testing.T) {
	got := Bases(filepath.Join(testdata, "overlays", "prod"))
	want, _ := filepath.Abs(filepath.Join(testdata, "base"))
	if len(got) != 1 || got[0] != want {
		t.Errorf("Bases = %v, want [%s]", got, want)
	}
	if got := Bases(filepath.Join(testdata, "base")); len(got) != 0 {
		t.Errorf("a base builds on nothing, got %v", got)
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBuildProblems(t *testing.T) {
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"remote base in a local base": {map[string]string{
			"app/kustomization.yaml": "resources:\n  - ../lib\n",
			"lib/kustomization.yaml": "resources:\n  - https://github.com/example/deploy//base?ref=v1\n",
		}, "remote resources (https://github.com/example/deploy//base?ref=v1)"},
		"missing resource": {map[string]string{
			"app/kustomization.yaml": "resources:\n  - nope.yaml\n",
		}, "nope.yaml"},
		"bad kustomization": {map[string]string{
			"app/kustomization.yaml": "resources: [\n",
		}, "Kustomize folder cannot be built"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tc.files)
			app := filepath.Join(dir, "app")
			ms, problems := Build(app)
			if len(ms) != 0 || len(problems) != 1 {
				t.Fatalf("manifests %d problems %v", len(ms), problems)
			}
			p := problems[0]
			if p.Level != source.LevelError || p.Path != app || !strings.Contains(p.Message, tc.want) {
				t.Errorf("problem %+v, want an error naming %q", p, tc.want)
			}
		})
	}
}

func TestFileNames(t *testing.T) {
	for _, n := range FileNames {
		dir := t.TempDir()
		write(t, dir, map[string]string{n: "resources: []\n"})
		if !IsKustomization(dir) {
			t.Errorf("%s not recognised", n)
		}
	}
	if IsKustomization(t.TempDir()) {
		t.Error("an empty folder is not a kustomization")
	}
}
