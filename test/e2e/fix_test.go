package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// copyTree copies a folder of the repository into a temporary folder.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	dst := t.TempDir()
	copyDir(t, filepath.Join("..", "..", from), dst)
	return dst
}

func readReport(t *testing.T, path string) *finding.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}

func failedPairs(rep *finding.Report) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, r := range rep.Resources {
		for _, c := range r.Controls {
			if c.Status == finding.StatusFailed {
				if out[c.ControlID] == nil {
					out[c.ControlID] = map[string]bool{}
				}
				out[c.ControlID][r.ResourceID] = true
			}
		}
	}
	return out
}

// Scan, fix, scan again: every control the fixer says it fixed on a resource passes there now,
// and nothing that passed before fails.
func TestFixRoundTrip(t *testing.T) {
	dir := copyTree(t, "examples/online-shop")
	before := filepath.Join(t.TempDir(), "before.json")
	wantCode(t, run(t, "", "scan", dir, "--format", "json", "--output", before), 0)
	snapshot := func() map[string]string {
		out := map[string]string{}
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			out[f] = string(data)
		}
		return out
	}
	orig := snapshot()

	// Without a terminal and without --yes nothing is written, and the exit code says so.
	r := run(t, "", "fix", before, "--base-path", dir)
	wantCode(t, r, 2)
	wantContains(t, r.stderr, "pass --yes")
	// --dry-run shows a unified diff and writes nothing.
	r = run(t, "", "fix", before, "--base-path", dir, "--dry-run")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "--- a/", "+++ b/", "-                privileged: true", "+                privileged: false",
		"Not fixed automatically", "to a value you choose")
	for f, data := range snapshot() {
		if data != orig[f] {
			t.Fatalf("%s changed without --yes", f)
		}
	}
	// Outside the base path nothing is edited.
	r = run(t, "", "fix", before, "--base-path", t.TempDir(), "--yes")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "outside", "0 file(s) to change")

	r = run(t, "", "fix", before, "--base-path", dir, "--yes")
	wantCode(t, r, 0)
	m := regexp.MustCompile(`controls fixed on every finding of a resource: (\d+) \(([^)]*)\)`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no summary in:\n%s", r.stdout)
	}
	claimed := map[string]int{}
	for _, part := range strings.Split(m[2], ", ") {
		id, n, _ := strings.Cut(part, " ×")
		claimed[id], _ = strconv.Atoi(n)
	}
	if len(claimed) < 5 {
		t.Fatalf("expected fixes for several controls, got %v", claimed)
	}

	after := filepath.Join(t.TempDir(), "after.json")
	wantCode(t, run(t, "", "scan", dir, "--format", "json", "--output", after), 0)
	b, a := failedPairs(readReport(t, before)), failedPairs(readReport(t, after))
	for id, n := range claimed {
		gone := 0
		for res := range b[id] {
			if !a[id][res] {
				gone++
			}
		}
		if gone < n {
			t.Errorf("%s: the fixer claims %d resources fixed, but only %d passed on the rescan (still failing: %v)", id, n, gone, a[id])
		}
	}
	for id, rs := range a {
		for res := range rs {
			if !b[id][res] {
				t.Errorf("%s newly fails on %s after the fix", id, res)
			}
		}
	}
	// The edited files keep their comments.
	for f, data := range snapshot() {
		for _, line := range strings.Split(orig[f], "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(data, line) {
				t.Errorf("%s lost the comment %q", f, line)
			}
		}
	}
}

func TestFixAdvisesOnGeneratedObjects(t *testing.T) {
	report := filepath.Join(t.TempDir(), "r.json")
	chart := filepath.Join("test", "testdata", "helm", "shop")
	wantCode(t, run(t, "", "scan", "control", "C-0057,C-0038", chart, filepath.Join("test", "testdata", "kustomize", "overlays", "prod"),
		"--values", filepath.Join(chart, "values-debug.yaml"), "--format", "json", "--output", report), 0)
	r := run(t, "", "fix", report, "--yes")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "Generated objects (not edited",
		"rendered from a Helm template, not edited: set spec.template.spec.containers[0].securityContext.privileged to false",
		"templates/deployment.yaml:28 from .Values.debug",
		"built by Kustomize, not edited: set spec.template.spec.hostPID to false",
		"0 file(s) to change")
}

func TestScanFix(t *testing.T) {
	dir := writeTree(t, map[string]string{"pod.yaml": "# keep me\n" + privilegedPod})
	r := run(t, "", "scan", "control", "C-0057", dir, "--fix", "--yes", "--format", "json")
	wantCode(t, r, 0)
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("the report on stdout stays clean JSON with --fix: %v\n%s", err, r.stdout)
	}
	wantContains(t, r.stderr, "fixed "+filepath.Join(dir, "pod.yaml"))
	data, _ := os.ReadFile(filepath.Join(dir, "pod.yaml"))
	want := "# keep me\n" + strings.Replace(privilegedPod, "privileged: true", "privileged: false", 1)
	if string(data) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", data, want)
	}
	wantCode(t, run(t, "", "scan", "control", "C-0057", dir, "--severity-threshold", "high"), 0)
}
