package files

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

func TestIgnorePatterns(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		dir      bool
		want     bool
	}{
		{[]string{"*.json"}, "a/b/c.json", false, true},
		{[]string{"*.json"}, "a/b/c.yaml", false, false},
		{[]string{"/*.json"}, "c.json", false, true},
		{[]string{"/*.json"}, "a/c.json", false, false}, // anchored at the root
		{[]string{"a/*.yaml"}, "a/x.yaml", false, true},
		{[]string{"a/*.yaml"}, "b/a/x.yaml", false, false}, // a slash anchors the pattern
		{[]string{"a/*.yaml"}, "a/b/x.yaml", false, false}, // * stays in one segment
		{[]string{"**/test"}, "x/y/test", true, true},
		{[]string{"**/test"}, "test", true, true},
		{[]string{"docs/**"}, "docs/a/b.yaml", false, true},
		{[]string{"a/**/b"}, "a/b", true, true},
		{[]string{"a/**/b"}, "a/x/y/b", true, true},
		{[]string{"build/"}, "build", true, true},
		{[]string{"build/"}, "build", false, false}, // directory-only
		{[]string{"*.yaml", "!keep.yaml"}, "keep.yaml", false, false},
		{[]string{"!keep.yaml", "*.yaml"}, "keep.yaml", false, true}, // the last match wins
		{[]string{"file?.yaml"}, "file1.yaml", false, true},
		{[]string{"file?.yaml"}, "file10.yaml", false, false},
		{[]string{"file[0-9].yaml"}, "file7.yaml", false, true},
		{[]string{"file[!0-9].yaml"}, "file7.yaml", false, false},
		{[]string{`\#notes.yaml`}, "#notes.yaml", false, true},
		{[]string{"# a comment", ""}, "a.yaml", false, false},
		{[]string{"./local.yaml"}, "local.yaml", false, true},
	}
	for _, tc := range tests {
		var rules []rule
		for _, p := range tc.patterns {
			r, ok, err := parseRule(p)
			if err != nil {
				t.Fatalf("%q: %v", p, err)
			}
			if ok {
				rules = append(rules, r)
			}
		}
		if got := matchRules(rules, tc.path, tc.dir); got != tc.want {
			t.Errorf("patterns %q on %s (dir %v) = %v, want %v", tc.patterns, tc.path, tc.dir, got, tc.want)
		}
	}
	if _, err := NewIgnore([]string{"a[b"}); err == nil {
		t.Error("an unclosed [ is an error")
	}
}

func FuzzIgnorePattern(f *testing.F) {
	for _, s := range []string{"*.yaml", "!a", "a/**/b", "[!x]", `\#x`, "build/", "a[", "**"} {
		f.Add(s, "a/b/c.yaml")
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		r, ok, err := parseRule(pattern)
		if err != nil || !ok {
			return
		}
		_ = matchRules([]rule{r}, path, false)
	})
}

// fakeGenerator renders every folder holding a "gen.txt" into one ConfigMap per line of it;
// "base: DIR" lines name a base folder.
func fakeGenerator() Generator {
	read := func(dir string) []string {
		data, err := readTestFile(filepath.Join(dir, "gen.txt"))
		if err != nil {
			return nil
		}
		return strings.Split(strings.TrimSpace(data), "\n")
	}
	return Generator{
		Name:  "fake",
		Match: func(dir string) bool { _, err := readTestFile(filepath.Join(dir, "gen.txt")); return err == nil },
		Bases: func(dir string) []string {
			var out []string
			for _, l := range read(dir) {
				if b, ok := strings.CutPrefix(l, "base: "); ok {
					abs, _ := filepath.Abs(filepath.Join(dir, b))
					out = append(out, abs)
				}
			}
			return out
		},
		Render: func(dir string) ([]Rendered, []source.Problem) {
			var text strings.Builder
			for _, l := range read(dir) {
				if strings.HasPrefix(l, "base: ") {
					continue
				}
				text.WriteString("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + l + "\n")
			}
			return []Rendered{{Path: dir, Info: resource.Generated{Generator: "fake", Root: dir}, Data: []byte(text.String() + "---\nnot: an object\n")}}, nil
		},
	}
}

func TestLoaderGeneratorsAndIgnore(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"plain.yaml":                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n",
		"skipped/x.yaml":                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: skipped\n",
		"excluded.yaml":                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: excluded\n",
		"base/gen.txt":                    "base-cm\n",
		"base/input.yaml":                 "not: read, the generator owns this folder\n",
		"overlay/gen.txt":                 "base: ../base\noverlay-cm\n",
		"alone/gen.txt":                   "alone-cm\n",
		IgnoreFileName:                    "# comment\nskipped/\n",
		"nested/" + IgnoreFileName:        "*.yaml\n!kept.yaml\n", // relative to its own folder
		"nested/kept.yaml":                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n",
		"nested/dropped.yaml":             "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dropped\n",
		"nested/deeper/" + IgnoreFileName: "!again.yaml\n", // a deeper file decides over one above
		"nested/deeper/again.yaml":        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: again\n",
	})
	ig, err := NewIgnore([]string{"excluded.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	l := New(Options{Generators: []Generator{fakeGenerator()}, Ignore: ig})
	res, err := l.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range res.Objects {
		names = append(names, o.Name)
		gen := o.Source.Generated != nil
		if gen != strings.HasSuffix(o.Name, "-cm") {
			t.Errorf("%s: generated %v", o.Name, gen)
		}
		if gen && (o.Source.Line != 0 || o.Source.Lines != nil) {
			t.Errorf("%s: a rendered object has no lines, got %d", o.Name, o.Source.Line)
		}
	}
	sort.Strings(names)
	want := []string{"again", "alone-cm", "kept", "overlay-cm", "plain"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("objects %v, want %v (the base is scanned through its overlay only)", names, want)
	}
	rendered := 0
	for _, p := range res.Problems {
		if strings.HasPrefix(p.Message, "rendered output: ") && p.Level == source.LevelSkipped {
			rendered++
		}
	}
	if rendered != 2 {
		t.Errorf("problems in rendered output are reported with their folder: %v", res.Problems)
	}

	// Named directly, a base is scanned on its own.
	res, err = l.Load([]string{filepath.Join(dir, "base")})
	if err != nil || len(res.Objects) != 1 || res.Objects[0].Name != "base-cm" {
		t.Errorf("base alone: %v %v", err, res)
	}
	// An excluded argument is reported as skipped, not silently dropped.
	res, _ = l.Load([]string{filepath.Join(dir, "excluded.yaml")})
	if len(res.Objects) != 0 || len(res.Problems) != 1 || res.Problems[0].Level != source.LevelSkipped {
		t.Errorf("excluded argument: %+v", res)
	}
}

func readTestFile(p string) (string, error) {
	data, err := os.ReadFile(p)
	return string(data), err
}
