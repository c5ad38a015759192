// Package policytest runs the tests of a folder of custom controls: the Rego unit tests of its
// modules (test_ rules in *_test.rego) and each control's fixtures (testdata/pass/*.yaml must
// pass, testdata/fail/*.yaml must fail with a finding at every `# expect: <path>`), through the
// real engine, on top of the embedded library.
package policytest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/library"
)

// Result is one test's outcome.
type Result struct {
	Name    string
	Failure string // "" when the test passed
}

// Summary is the outcome of a run.
type Summary struct {
	Results  []Result
	Warnings []string
}

// Failed counts failed tests.
func (s *Summary) Failed() int {
	n := 0
	for _, r := range s.Results {
		if r.Failure != "" {
			n++
		}
	}
	return n
}

// CompileError is a custom folder that does not load or compile (located problems).
type CompileError struct{ Err error }

func (e *CompileError) Error() string { return e.Err.Error() }
func (e *CompileError) Unwrap() error { return e.Err }

// Run tests the custom controls of dir.
func Run(ctx context.Context, dir string) (*Summary, error) {
	base, err := policy.Load(library.FS)
	if err != nil {
		return nil, err
	}
	lib, warnings, err := policy.Overlay(base, os.DirFS(dir), dir)
	if err != nil {
		return nil, &CompileError{err}
	}
	// Test modules of the folder are compiled too; the embedded library ships none.
	testMods, _ := filepath.Glob(filepath.Join(dir, "controls", "*", "*_test.rego"))
	for _, p := range testMods {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		lib.Modules = append(lib.Modules, policy.Module{Path: filepath.ToSlash(p), Text: string(data), Test: true})
	}
	c, err := policy.Compile(lib, true)
	if err != nil {
		return nil, &CompileError{err}
	}
	sum := &Summary{Warnings: warnings}

	ch, err := tester.NewRunner().SetCompiler(c.Compiler).RunTests(ctx, nil)
	if err != nil {
		return nil, err
	}
	absDir, _ := filepath.Abs(dir)
	for r := range ch {
		if loc := r.Location; loc != nil {
			abs, _ := filepath.Abs(loc.File)
			if !strings.HasPrefix(abs, absDir) {
				continue // a test of the embedded library
			}
		}
		res := Result{Name: fmt.Sprintf("rego %s.%s", strings.TrimPrefix(r.Package, "data."), r.Name)}
		switch {
		case r.Error != nil:
			res.Failure = fmt.Sprintf("%s: error: %v", r.Location, r.Error)
		case r.Fail:
			res.Failure = fmt.Sprintf("%s: the test rule is false", r.Location)
		}
		sum.Results = append(sum.Results, res)
	}

	prefix := filepath.ToSlash(filepath.Clean(dir)) + "/"
	for _, ctl := range c.Library.Controls {
		if !strings.HasPrefix(ctl.Dir+"/", prefix) {
			continue
		}
		s, err := scan.New(ctx, c, scan.Selection{ControlIDs: []string{ctl.ID}}, engine.Options{})
		if err != nil {
			return nil, err
		}
		found := 0
		for _, kind := range []string{"pass", "fail"} {
			paths, _ := filepath.Glob(filepath.Join(filepath.FromSlash(ctl.Dir), "testdata", kind, "*.yaml"))
			sort.Strings(paths)
			for _, p := range paths {
				found++
				name := fmt.Sprintf("%s %s/%s", ctl.ID, kind, filepath.Base(p))
				sum.Results = append(sum.Results, Result{Name: name, Failure: fixture(ctx, s, c.Library, ctl, kind, p)})
			}
		}
		if found == 0 {
			sum.Results = append(sum.Results, Result{Name: ctl.ID + " fixtures", Failure: "no testdata/pass or testdata/fail fixture: a control without tests is not trusted"})
		}
	}
	return sum, nil
}

// fixture runs one fixture and returns why it failed, or "".
func fixture(ctx context.Context, s *scan.Scanner, lib *policy.Library, ctl *policy.Control, kind, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	var expect []string
	var inputs map[string][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# expect:"):
			expect = append(expect, strings.TrimSpace(strings.TrimPrefix(line, "# expect:")))
		case strings.HasPrefix(line, "# inputs:"):
			var in map[string][]string
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "# inputs:")), &in); err != nil {
				return "bad # inputs: header: " + err.Error()
			}
			inputs = map[string][]string{}
			for k, v := range lib.Inputs {
				inputs[k] = v
			}
			for k, v := range in {
				inputs[k] = v
			}
		}
	}
	objs, problems := files.Decode(path, data)
	for _, p := range problems {
		return "fixture problem: " + p.String()
	}
	res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles, Inputs: inputs})
	if err != nil {
		return err.Error()
	}
	var control *finding.Control
	for i := range res.Report.Controls {
		if res.Report.Controls[i].ID == ctl.ID {
			control = &res.Report.Controls[i]
		}
	}
	if control == nil {
		return "the control is missing from the report"
	}
	got := map[string]bool{}
	var msgs []string
	for _, r := range res.Results {
		if r.ControlID != ctl.ID {
			continue
		}
		if r.Status == finding.StatusSkipped {
			return "skipped: " + r.Reason
		}
		for _, f := range r.Findings {
			msgs = append(msgs, f.Message)
			f.EachPath(func(_, p string) { got[p] = true })
		}
	}
	switch kind {
	case "pass":
		if control.Status != finding.StatusPassed || control.SubStatus == finding.SubStatusIrrelevant {
			if control.SubStatus == finding.SubStatusIrrelevant {
				return "the control matched nothing in the fixture (check its match kinds)"
			}
			return fmt.Sprintf("want a pass, got %s: %s", control.Status, strings.Join(msgs, "; "))
		}
	case "fail":
		if control.Status != finding.StatusFailed {
			return fmt.Sprintf("want a failure, got %s %s", control.Status, control.SubStatus)
		}
		var missing []string
		for _, want := range expect {
			if !got[want] {
				missing = append(missing, want)
			}
		}
		if len(missing) > 0 {
			var have []string
			for p := range got {
				have = append(have, p)
			}
			sort.Strings(have)
			return fmt.Sprintf("no finding at %s (findings at: %s)", strings.Join(missing, ", "), strings.Join(have, ", "))
		}
	}
	return ""
}

// Print writes the results as a test runner does and returns the number of failures.
func Print(w io.Writer, s *Summary) int {
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	for _, r := range s.Results {
		if r.Failure == "" {
			fmt.Fprintf(w, "ok    %s\n", r.Name)
		} else {
			fmt.Fprintf(w, "FAIL  %s\n      %s\n", r.Name, r.Failure)
		}
	}
	failed := s.Failed()
	fmt.Fprintf(w, "\n%d tests, %d passed, %d failed\n", len(s.Results), len(s.Results)-failed, failed)
	return failed
}
