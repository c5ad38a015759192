package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(filepath.Join("..", "..", "docs", "config.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFiles: valid-* parse and match docs/config.schema.json; invalid-* are refused by both, the
// parser naming every problem with its file.
func TestFiles(t *testing.T) {
	sch := schema(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if len(files) < 5 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, perr := Parse(f, data)
		var doc any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		serr := sch.Validate(doc)
		if strings.HasPrefix(filepath.Base(f), "valid-") {
			if perr != nil || serr != nil {
				t.Errorf("%s: parse %v, schema %v", f, perr, serr)
			}
			continue
		}
		if perr == nil || serr == nil {
			t.Errorf("%s: parse %v, schema %v: both must refuse it", f, perr, serr)
		}
		if perr != nil && !strings.Contains(perr.Error(), f) {
			t.Errorf("%s: the error does not name the file: %v", f, perr)
		}
	}
	data, _ := os.ReadFile(filepath.Join("testdata", "invalid-values.yaml"))
	_, err := Parse("v.yaml", data)
	for _, want := range []string{"v.yaml:4: set frameworks or controls", "complianceThreshold must be between 0 and 100", "severityThreshold \"urgent\"", "several formats need output"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestFindAndLoad(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "deploy", "apps")
	if err := os.MkdirAll(filepath.Join(root, "policies"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := "apiVersion: kubescape.io/v1\nkind: Config\nexceptions: [exceptions.yaml]\npolicyDirs: [policies]\n"
	if err := os.WriteFile(filepath.Join(root, FileName), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	found, err := Find(sub)
	if err != nil || found != filepath.Join(root, FileName) {
		t.Fatalf("Find = %q %v", found, err)
	}
	if _, err := Load(found); err == nil || !strings.Contains(err.Error(), "exceptions.yaml") {
		t.Errorf("a missing exceptions file is reported: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "exceptions.yaml"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(found)
	if err != nil {
		t.Fatal(err)
	}
	if c.Exceptions[0] != filepath.Join(root, "exceptions.yaml") || c.PolicyDirs[0] != filepath.Join(root, "policies") {
		t.Errorf("paths are relative to the file: %+v", c)
	}
	if found, _ := Find(t.TempDir()); found != "" {
		t.Errorf("no file found where none is: %q", found)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse("f", data)
	})
}
