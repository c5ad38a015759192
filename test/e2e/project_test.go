package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// copyDir copies a folder of the repository into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A repository with .kubescape.yaml, an exceptions file, an inline suppression and a custom
// control: the scan's JSON shows each taking effect, and the audit lists a stale exception.
func TestProjectConfiguration(t *testing.T) {
	repo := writeTree(t, map[string]string{
		".kubescape.yaml": `apiVersion: kubescape.io/v1
kind: Config
frameworks: [org]
exceptions: [security/exceptions.yaml]
policyDirs: [security/policies]
excludePaths: ["vendor/"]
formats: [json]
`,
		"security/exceptions.yaml": `apiVersion: kubescape.io/v1
kind: Exceptions
exceptions:
  - name: legacy-registry
    reason: the legacy app moves to the company registry in Q3
    expires: "2099-09-30"
    resources:
      - namespace: legacy
    controls: [ORG-0001]
  - name: retired-app
    reason: the app was retired; this can go
    resources:
      - name: "retired-.*"
`,
		"deploy/apps.yaml": `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: api
          image: docker.io/library/api:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: old, namespace: legacy}
spec:
  template:
    spec:
      containers:
        - name: old
          image: docker.io/library/old:0.9
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: ops
  annotations:
    kubescape.io/skip-controls: C-0057
    kubescape.io/skip-reason: the node agent needs host access (SEC-42)
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.example.com/ops/agent:3.1
          securityContext: {privileged: true}
`,
		"vendor/third-party.yaml": privilegedPod,
	})
	copyDir(t, filepath.Join("..", "policies"), filepath.Join(repo, "security", "policies"))

	r := run(t, "", "scan", repo)
	wantCode(t, r, 0)
	wantContains(t, r.stderr, "using "+filepath.Join(repo, ".kubescape.yaml"))
	var rep finding.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("the config's json format: %v\n%s", err, r.stdout)
	}
	validate(t, compileSchema(t), r.stdout)
	if len(rep.Frameworks) != 1 || rep.Frameworks[0].Name != "Org" {
		t.Fatalf("the config's framework (a custom one): %+v", rep.Frameworks)
	}
	status := map[string]finding.ResourceControl{}
	for _, res := range rep.Resources {
		if res.Name == "bad" {
			t.Error("vendor/ is excluded by the config")
		}
		for _, c := range res.Controls {
			status[res.Name+"/"+c.ControlID] = c
		}
	}
	// The custom control fails where it should.
	if c := status["api/ORG-0001"]; c.Status != finding.StatusFailed {
		t.Errorf("custom control on api: %+v", c)
	}
	// The exceptions file excepts the legacy app: kept, marked, counted as passed.
	if c := status["old/ORG-0001"]; c.Status != finding.StatusPassed || c.SubStatus != "excepted" || c.Exception == nil || c.Exception.Name != "legacy-registry" || len(c.Findings) == 0 {
		t.Errorf("excepted by file: %+v", c)
	}
	// The inline annotation excepts the agent's privileged container.
	if c := status["agent/C-0057"]; c.SubStatus != "excepted" || c.Exception == nil || !strings.Contains(c.Exception.Reason, "SEC-42") {
		t.Errorf("excepted inline: %+v", c)
	}
	audit := map[string]finding.ExceptionAudit{}
	for _, a := range rep.Exceptions {
		audit[a.Name] = a
	}
	if a := audit["legacy-registry"]; a.Matched != 1 || a.Stale {
		t.Errorf("audit of the applied exception: %+v", a)
	}
	if a := audit["retired-app"]; !a.Stale || a.Matched != 0 {
		t.Errorf("the stale exception is listed as stale: %+v", a)
	}
	var ctl *finding.Control
	for i := range rep.Controls {
		if rep.Controls[i].ID == "ORG-0001" {
			ctl = &rep.Controls[i]
		}
	}
	if ctl == nil || ctl.Resources.Failed != 1 || ctl.Resources.Passed != 2 {
		t.Errorf("an excepted resource counts as passed: %+v", ctl)
	}

	// Flags override the configuration.
	r = run(t, "", "scan", repo, "--format", "pretty", "--honor-inline-exceptions=false", "--verbose")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "stale retired-app", "agent")
}

func TestCustomControlWithBrokenRego(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join("..", "policies"), dir)
	rule := filepath.Join(dir, "controls", "ORG-0001", "rule.rego")
	if err := os.WriteFile(rule, []byte("package org.controls.ORG_0001\n\ndeny contains f if {\n\tsome c in\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"scan", "examples/online-shop", "--policy-dir", dir},
		{"policy", "test", dir},
	} {
		r := run(t, "", args...)
		wantCode(t, r, 2)
		wantContains(t, r.stderr, rule+":4:", "rego_parse_error")
	}
	r := run(t, "", "policy", "test", filepath.Join("test", "policies"))
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "ok    ORG-0001 fail/dockerhub.yaml", "ok    rego org.controls.ORG_0001_test.test_untrusted", "4 tests, 4 passed, 0 failed")
}

func TestIncludeExcludeControls(t *testing.T) {
	r := run(t, "", "scan", "examples/online-shop", "--include-controls", "C-0057", "--format", "json")
	wantCode(t, r, 0)
	var rep finding.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Controls) != 1 || rep.Controls[0].ID != "C-0057" {
		t.Errorf("controls %d", len(rep.Controls))
	}
	wantCode(t, run(t, "", "scan", "examples/online-shop", "--exclude-controls", "C-9999"), 2)
	wantCode(t, run(t, "", "scan", "framework", "nsa", "examples/online-shop", "--include-controls", "C-0273"), 2)
}
