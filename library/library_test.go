package library_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/library"
)

var (
	libMu    sync.Mutex
	libCache = map[bool]*policy.Compiled{}
)

// loadSourceLibrary loads and compiles the library from the source tree, once per test binary.
func loadSourceLibrary(t *testing.T, withTests bool) *policy.Compiled {
	t.Helper()
	libMu.Lock()
	defer libMu.Unlock()
	if c := libCache[withTests]; c != nil {
		return c
	}
	lib, err := policy.Load(os.DirFS("."))
	if err != nil {
		t.Fatalf("load library:\n%v", err)
	}
	c, err := policy.Compile(lib, withTests)
	if err != nil {
		t.Fatalf("compile library:\n%v", err)
	}
	libCache[withTests] = c
	return c
}

// TestEmbeddedLibraryCompiles checks that what the binary embeds loads and compiles.
func TestEmbeddedLibraryCompiles(t *testing.T) {
	lib, err := policy.Load(library.FS)
	if err != nil {
		t.Fatalf("load embedded library:\n%v", err)
	}
	if _, err := policy.Compile(lib, false); err != nil {
		t.Fatalf("compile embedded library:\n%v", err)
	}
	if len(lib.Controls) == 0 {
		t.Fatal("embedded library has no controls")
	}
}

// TestRegoUnitTests runs every *_test.rego of the library (lib/ and controls/).
func TestRegoUnitTests(t *testing.T) {
	c := loadSourceLibrary(t, true)
	ctx := context.Background()
	ch, err := tester.NewRunner().SetCompiler(c.Compiler).RunTests(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s (%s): fail=%v error=%v", r.Package, r.Name, r.Location, r.Fail, r.Error)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests found")
	}
}

// TestControlMetadata checks every control.yaml against docs/control.schema.json and against the
// catalogue users know (same name and base score), and that it has fixtures on both sides.
func TestControlMetadata(t *testing.T) {
	c := loadSourceLibrary(t, false)
	lib := c.Library
	compiler := jsonschema.NewCompiler()
	schema, err := compiler.Compile(filepath.Join("..", "docs", "control.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ctl := range lib.Controls {
		data, err := os.ReadFile(filepath.Join(ctl.Dir, "control.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", ctl.Dir, err)
		}
		// Through JSON, so that numbers and maps have the types the validator expects.
		js, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("%s: %v", ctl.Dir, err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s/control.yaml does not match docs/control.schema.json: %v", ctl.Dir, err)
		}
	}
	for _, ctl := range lib.Controls {
		e := lib.Catalogue[ctl.ID]
		if e == nil {
			// A control of our own, not in the catalogue: allowed, but needs a distinct ID.
			if strings.HasPrefix(ctl.ID, "C-") {
				t.Errorf("%s: C- IDs are reserved for catalogue controls", ctl.ID)
			}
			continue
		}
		if e.Name != ctl.Name {
			t.Errorf("%s: name %q, catalogue says %q", ctl.ID, ctl.Name, e.Name)
		}
		if e.BaseScore != ctl.BaseScore {
			t.Errorf("%s: baseScore %v, catalogue says %v", ctl.ID, ctl.BaseScore, e.BaseScore)
		}
		if e.Data != policy.DataObjects {
			t.Errorf("%s: catalogue says it needs %s data, but it is implemented from objects", ctl.ID, e.Data)
		}
		for _, kind := range []string{"pass", "fail"} {
			m, _ := filepath.Glob(filepath.Join(ctl.Dir, "testdata", kind, "*.yaml"))
			if len(m) == 0 {
				t.Errorf("%s: no testdata/%s fixtures", ctl.ID, kind)
			}
		}
		if ctl.Category == "" {
			t.Errorf("%s: no category", ctl.ID)
		}
	}
}

// fixture is a test manifest with its header: "# expect: <path>" lines name paths the
// control's findings must report (fail fixtures), "# inputs: {json}" overrides control inputs.
type fixture struct {
	path   string
	data   []byte
	expect []string
	inputs map[string][]string
}

func readFixture(t *testing.T, path string, defaults map[string][]string) fixture {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fx := fixture{path: path, data: data}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# expect:"):
			fx.expect = append(fx.expect, strings.TrimSpace(strings.TrimPrefix(line, "# expect:")))
		case strings.HasPrefix(line, "# inputs:"):
			var in map[string][]string
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "# inputs:")), &in); err != nil {
				t.Fatalf("%s: bad inputs header: %v", path, err)
			}
			fx.inputs = map[string][]string{}
			for k, v := range defaults {
				fx.inputs[k] = v
			}
			for k, v := range in {
				fx.inputs[k] = v
			}
		}
	}
	return fx
}

// TestControlFixtures runs every fixture through the real engine: a fail fixture must produce a
// finding of its control at every expected path, a pass fixture must be evaluated and pass.
func TestControlFixtures(t *testing.T) {
	c := loadSourceLibrary(t, false)
	ctx := context.Background()
	for _, ctl := range c.Library.Controls {
		t.Run(ctl.ID, func(t *testing.T) {
			s, err := scan.New(ctx, c, scan.Selection{ControlIDs: []string{ctl.ID}}, engine.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range []string{"pass", "fail"} {
				paths, _ := filepath.Glob(filepath.Join(ctl.Dir, "testdata", kind, "*.yaml"))
				for _, p := range paths {
					fx := readFixture(t, p, c.Library.Inputs)
					t.Run(kind+"/"+filepath.Base(p), func(t *testing.T) {
						checkFixture(t, ctx, s, ctl, kind, fx)
					})
				}
			}
		})
	}
}

func checkFixture(t *testing.T, ctx context.Context, s *scan.Scanner, ctl *policy.Control, kind string, fx fixture) {
	objs, problems := files.Decode(fx.path, fx.data)
	for _, p := range problems {
		t.Errorf("fixture problem: %s", p)
	}
	loader := files.New(files.Options{})
	res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles, Inputs: fx.inputs, Locator: loader.Locator()})
	if err != nil {
		t.Fatal(err)
	}
	var control *finding.Control
	for i := range res.Report.Controls {
		if res.Report.Controls[i].ID == ctl.ID {
			control = &res.Report.Controls[i]
		}
	}
	if control == nil {
		t.Fatalf("control %s missing from report", ctl.ID)
	}
	var findings []finding.Finding
	for _, r := range res.Results {
		if r.ControlID != ctl.ID {
			continue
		}
		if r.Status == finding.StatusSkipped {
			t.Errorf("%s skipped on %s: %s", ctl.ID, r.Object.ID(), r.Reason)
		}
		findings = append(findings, r.Findings...)
	}
	switch kind {
	case "pass":
		if control.Status != finding.StatusPassed || control.SubStatus == finding.SubStatusIrrelevant {
			t.Errorf("want an evaluated pass, got status %s %s (%s)", control.Status, control.SubStatus, control.SkipReason)
		}
		for _, f := range findings {
			t.Errorf("unexpected finding: %s %v", f.Message, f.FailedPaths)
		}
	case "fail":
		if control.Status != finding.StatusFailed || len(findings) == 0 {
			t.Fatalf("want a failure, got status %s (%s)", control.Status, control.SkipReason)
		}
		checkReportLocations(t, res.Report, fx)
		got := map[string]bool{}
		for _, f := range findings {
			if f.Message == "" {
				t.Errorf("finding without message: %+v", f)
			}
			if f.Line <= 0 {
				t.Errorf("finding without line: %+v", f)
			}
			for _, p := range f.FailedPaths {
				got[p] = true
			}
			for _, p := range f.FixPaths {
				got[p.Path] = true
			}
			for _, p := range f.ReviewPaths {
				got[p] = true
			}
			for _, p := range f.DeletePaths {
				got[p] = true
			}
		}
		for _, want := range fx.expect {
			if !got[want] {
				t.Errorf("no finding at %s; got paths %v", want, keys(got))
			}
		}
		if len(fx.expect) == 0 && len(got) > 0 {
			t.Errorf("the findings report paths %v, but the fixture has no `# expect: <path>` line", keys(got))
		}
		// Where the control proposes a fix, the fixture must pin at least one fix path.
		fixes := map[string]bool{}
		for _, f := range findings {
			for _, p := range f.FixPaths {
				fixes[p.Path] = true
			}
		}
		if len(fixes) > 0 {
			pinned := false
			for _, want := range fx.expect {
				pinned = pinned || fixes[want]
			}
			if !pinned {
				t.Errorf("the findings propose fixes at %v, but no `# expect:` line names one", keys(fixes))
			}
		}
	}
}

// checkReportLocations reads the JSON report as a user's tool would and checks that every
// finding has a line, and that every one of its paths is located: an existing field at the
// column where its key (or list item) is written in the fixture, a missing one at a parent.
func checkReportLocations(t *testing.T, rep *finding.Report, fx fixture) {
	t.Helper()
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back finding.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(fx.data), "\n")
	for _, r := range back.Resources {
		for _, c := range r.Controls {
			for _, f := range c.Findings {
				if f.Line <= 0 {
					t.Errorf("%s %s: finding without a line in the JSON report: %s", r.ResourceID, c.ControlID, f.Message)
				}
				n := 0
				f.EachPath(func(string, string) { n++ })
				if len(f.Locations) != n {
					t.Errorf("%s %s: %d paths but %d locations", r.ResourceID, c.ControlID, n, len(f.Locations))
				}
				for _, l := range f.Locations {
					if l.File != "" && l.File != fx.path {
						continue // a location in another file (not in single-file fixtures)
					}
					if l.Line < 1 || l.Line > len(lines) || l.Column < 1 || l.Column > len(lines[l.Line-1])+1 {
						t.Errorf("%s %s: %s at %d:%d is outside the file", r.ResourceID, c.ControlID, l.Path, l.Line, l.Column)
						continue
					}
					if l.Parent {
						continue
					}
					elems, err := finding.ParsePath(l.Path)
					if err != nil || len(elems) == 0 {
						continue
					}
					last := elems[len(elems)-1]
					at := lines[l.Line-1][l.Column-1:]
					at = strings.TrimLeft(at, `"'`)
					if !last.IsIndex && !strings.HasPrefix(at, last.Key) {
						t.Errorf("%s %s: %s located at %d:%d, where the text is %q", r.ResourceID, c.ControlID, l.Path, l.Line, l.Column, at)
					}
				}
			}
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
