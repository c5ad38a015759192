// Package e2e runs the built kubescape binary the way users and pipelines do and checks what
// they rely on: the report, the messages, and the exit codes.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kubescape-ng/kubescape/internal/corpus"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kubescape-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "kubescape")
	build := exec.Command("go", "build", "-o", binary, "../../cmd/kubescape")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		panic("build kubescape: " + err.Error())
	}
	code := m.Run()
	stopCluster()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCmd(t, exec.Command(binary, args...), stdin)
}

func runCmd(t *testing.T, cmd *exec.Cmd, stdin string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Dir = "../.."
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", cmd.Args, err)
	}
	return result{out.String(), errOut.String(), code}
}

func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func wantContains(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("output lacks %q:\n%s", p, s)
		}
	}
}

func TestExampleScanFailsOnHighFindings(t *testing.T) {
	r := run(t, "", "scan", "examples/online-shop", "--severity-threshold", "high")
	wantCode(t, r, 1)
	wantContains(t, r.stdout, "Controls", "Failed resources", "C-0057", "examples/online-shop/backup.yaml:", "Compliance score")
	wantContains(t, r.stderr, "threshold crossed")
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour codes in piped output")
	}
}

func TestExampleScanWithoutThresholdExitsZero(t *testing.T) {
	r := run(t, "", "scan", "examples/online-shop")
	wantCode(t, r, 0)
}

func TestComplianceThreshold(t *testing.T) {
	wantCode(t, run(t, "", "scan", "framework", "nsa", "examples/online-shop", "--compliance-threshold", "100"), 1)
	wantCode(t, run(t, "", "scan", "framework", "nsa", "examples/online-shop", "--compliance-threshold", "0"), 0)
	// The default scan honours the gate too (a classic trap of the reference tool).
	wantCode(t, run(t, "", "scan", "examples/online-shop", "--compliance-threshold", "100"), 1)
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "framework", "nosuch", "examples"},
		{"scan", "control", "C-9999", "examples"},
		{"scan", "examples", "--severity-threshold", "urgent"},
		{"scan", "examples", "--compliance-threshold", "101"},
		{"scan", "examples", "--format", "xml"},
		{"scan", "--no-such-flag", "examples"},
		{"scan", "--kubeconfig", "/nonexistent/kubeconfig"}, // no path and no cluster
		{"list", "things"},
	} {
		r := run(t, "", args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "Error:") {
			t.Errorf("%v: no error message: %q", args, r.stderr)
		}
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const privilegedPod = `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
    - name: c
      image: nginx:1.27
      securityContext:
        privileged: true
`

func TestBadInput(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"good.yaml":   privilegedPod,
		"broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n",
		"image.yaml":  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"mixed.yaml":  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nfoo: bar\n---\n- just\n- a list\n",
	})
	r := run(t, "", "scan", dir)
	wantCode(t, r, 3)
	wantContains(t, r.stdout,
		filepath.Join(dir, "broken.yaml")+":", "cannot be parsed",
		filepath.Join(dir, "image.yaml"), "binary file",
		filepath.Join(dir, "mixed.yaml")+":5", "not a Kubernetes object",
		filepath.Join(dir, "mixed.yaml")+":7",
		"C-0057", // the good file is still scanned
		"The scan is incomplete")
	wantContains(t, r.stderr, "scan incomplete")

	// Non-Kubernetes documents alone are reported but do not make the scan incomplete.
	only := writeTree(t, map[string]string{"mixed.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nfoo: bar\n"})
	r = run(t, "", "scan", only)
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "not a Kubernetes object")

	// JSON output still says so, and the problem goes to standard error too.
	r = run(t, "", "scan", dir, "--format", "json")
	wantCode(t, r, 3)
	wantContains(t, r.stderr, "broken.yaml:")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("JSON report: %v", err)
	}
	if rep["summary"].(map[string]any)["complete"] != false {
		t.Error("summary.complete must be false")
	}
}

func TestEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	r := run(t, "", "scan", dir, "--compliance-threshold", "50")
	wantCode(t, r, 3)
	wantContains(t, r.stdout, "no Kubernetes objects found")
}

func TestMissingPath(t *testing.T) {
	r := run(t, "", "scan", "does/not/exist.yaml")
	wantCode(t, r, 3)
	wantContains(t, r.stdout, "does/not/exist.yaml", "no such file")
}

func TestStdin(t *testing.T) {
	r := run(t, privilegedPod, "scan", "control", "C-0057", "-", "--severity-threshold", "high")
	wantCode(t, r, 1)
	wantContains(t, r.stdout, "<stdin>:10", `container "c" runs privileged`)
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join("..", "..", "docs", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func validate(t *testing.T, schema *jsonschema.Schema, data string) map[string]any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(data))
	if err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("report does not match docs/report.schema.json: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestJSONReportMatchesSchema(t *testing.T) {
	schema := compileSchema(t)
	out := filepath.Join(t.TempDir(), "report.json")
	r := run(t, "", "scan", "examples/online-shop", "--format", "json", "--output", out)
	wantCode(t, r, 0)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rep := validate(t, schema, string(data))
	if rep["schemaVersion"] != "kubescape.report/v1" {
		t.Errorf("schemaVersion %v", rep["schemaVersion"])
	}
	if len(rep["resources"].([]any)) == 0 || len(rep["controls"].([]any)) == 0 {
		t.Error("empty report")
	}

	// The bad-input report matches the schema as well.
	dir := writeTree(t, map[string]string{"broken.yaml": "a: [\n", "pod.yaml": privilegedPod})
	r = run(t, "", "scan", dir, "--format", "json")
	validate(t, schema, r.stdout)
}

func TestSeveralFormats(t *testing.T) {
	base := filepath.Join(t.TempDir(), "result")
	r := run(t, "", "scan", "examples/online-shop", "--format", "json,pretty,sarif,junit,html,pdf,prometheus,markdown,csv", "--output", base)
	wantCode(t, r, 0)
	for ext, magic := range map[string]string{".json": "{", ".txt": "Controls", ".sarif": "{", ".xml": "<?xml", ".html": "<!DOCTYPE html>",
		".pdf": "%PDF-", ".prom": "# HELP", ".md": "## Kubescape scan", ".csv": "controlID,"} {
		data, err := os.ReadFile(base + ext)
		if err != nil {
			t.Errorf("missing %s: %v", ext, err)
			continue
		}
		if !strings.HasPrefix(string(data), magic) {
			t.Errorf("%s does not start with %q", ext, magic)
		}
	}
	// One file per format from one scan: the reports agree (same failed controls).
	var rep struct {
		Summary struct{ Controls struct{ Failed int } }
	}
	data, _ := os.ReadFile(base + ".json")
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	prom, _ := os.ReadFile(base + ".prom")
	if want := fmt.Sprintf("kubescape_cluster_count_control_failed %d\n", rep.Summary.Controls.Failed); !strings.Contains(string(prom), want) {
		t.Errorf("the Prometheus file lacks %q", want)
	}
}

func TestList(t *testing.T) {
	r := run(t, "", "list", "frameworks")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "nsa", "mitre", "workloadscan", "allcontrols")
	r = run(t, "", "list", "controls", "--framework", "nsa", "--format", "json")
	wantCode(t, r, 0)
	var controls []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &controls); err != nil {
		t.Fatal(err)
	}
	if len(controls) != 26 {
		t.Errorf("nsa has %d controls, want 26", len(controls))
	}
}

func TestVersion(t *testing.T) {
	r := run(t, "", "version")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "kubescape")
}

// TestOfflineScan runs a scan in a network namespace with no network at all (unshare -n) and,
// where strace exists, checks that the process never even opens a socket.
func TestOfflineScan(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("network namespaces are Linux only")
	}
	if err := exec.Command("unshare", "-n", "true").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("unshare -n is not usable: %v", err)
		}
		t.Skipf("unshare -n is not usable here: %v", err)
	}
	args := []string{"-n"}
	trace := ""
	if _, err := exec.LookPath("strace"); err == nil {
		trace = filepath.Join(t.TempDir(), "trace")
		args = append(args, "strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", trace)
	} else {
		t.Log("strace not found: checking only that the scan succeeds without a network")
	}
	args = append(args, binary, "scan", "framework", "nsa,mitre", "examples/online-shop", "--format", "json")
	r := runCmd(t, exec.Command("unshare", args...), "")
	wantCode(t, r, 0)
	if trace != "" {
		data, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "socket(") || strings.Contains(line, "connect(") {
				t.Errorf("network system call during an offline scan: %s", line)
			}
		}
	}
}

func TestControlsConfig(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"allow.json": `{"imageRepositoryAllowList": ["ghcr.io/example/"]}`,
		"bad.yaml":   "apiVersion: kubescape.io/v1\nkind: ControlsConfig\ninputs:\n  imageRepositoryAlowList: [x]\n",
	})
	// Without configuration C-0078 is skipped as "needs configuration", never failed or passed.
	r := run(t, "", "scan", "control", "C-0078", "examples/online-shop", "--format", "json")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "needs configuration")
	// With an allow-list, the images from elsewhere fail.
	r = run(t, "", "scan", "control", "C-0078", "examples/online-shop", "--controls-config", filepath.Join(dir, "allow.json"), "--severity-threshold", "medium")
	wantCode(t, r, 1)
	wantContains(t, r.stdout, "redis:7.2")
	// A typo in an input name is an error with its line, not a silent no-op.
	r = run(t, "", "scan", "examples/online-shop", "--controls-config", filepath.Join(dir, "bad.yaml"))
	wantCode(t, r, 2)
	wantContains(t, r.stderr, "bad.yaml:4", `unknown control input "imageRepositoryAlowList"`)
}

// TestAllControlsOnCorpus scans generated manifests with every control: every control of the
// catalogue appears in the report, with a status, and every skipped one says why.
func TestAllControlsOnCorpus(t *testing.T) {
	dir := t.TempDir()
	for _, f := range corpus.Generate(corpus.Options{Objects: 400, Seed: 7}) {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := run(t, "", "scan", "framework", "allcontrols", dir, "--format", "json")
	wantCode(t, r, 0)
	var rep struct {
		Controls []struct {
			ID, Status, SkipReason string
			Resources              struct{ Total int }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	list := run(t, "", "list", "controls", "--framework", "allcontrols", "--format", "json")
	var catalogue []struct{ ID string }
	if err := json.Unmarshal([]byte(list.stdout), &catalogue); err != nil {
		t.Fatal(err)
	}
	if len(catalogue) != 281 {
		t.Errorf("allcontrols lists %d controls, want the reference's 281", len(catalogue))
	}
	got := map[string]bool{}
	counts := map[string]int{}
	for _, c := range rep.Controls {
		got[c.ID] = true
		counts[c.Status]++
		switch c.Status {
		case "passed", "failed":
		case "skipped":
			if c.SkipReason == "" {
				t.Errorf("%s skipped without a reason", c.ID)
			}
		default:
			t.Errorf("%s has status %q", c.ID, c.Status)
		}
	}
	for _, c := range catalogue {
		if !got[c.ID] {
			t.Errorf("%s is missing from the report", c.ID)
		}
	}
	if counts["failed"] == 0 || counts["passed"] == 0 {
		t.Errorf("statuses %v: the corpus should fail some controls and pass others", counts)
	}
	t.Logf("controls: %v", counts)
}
