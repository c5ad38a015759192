package score

import (
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

func obj(name string, replicas int64) *resource.Object {
	o := &resource.Object{APIVersion: "apps/v1", Kind: "Deployment", Name: name, Object: map[string]any{"spec": map[string]any{}}}
	if replicas > 0 {
		o.Object["spec"].(map[string]any)["replicas"] = replicas
	}
	return o
}

func TestBuild(t *testing.T) {
	a, b, c := obj("a", 0), obj("b", 10), obj("c", 0)
	in := Input{
		Objects: 4,
		Controls: []ControlSpec{
			{ID: "C-1", Name: "high", BaseScore: 8},
			{ID: "C-2", Name: "medium", BaseScore: 5},
			{ID: "C-3", Name: "nothing matched", BaseScore: 3},
			{ID: "C-4", Name: "needs host", BaseScore: 9, SkipReason: "needs host data"},
			{ID: "C-5", Name: "cluster only", BaseScore: 4, SkipIfNothingMatched: "cluster only"},
			{ID: "C-6", Name: "rule error", BaseScore: 6},
		},
		Frameworks: []FrameworkSpec{{Name: "F", ControlIDs: []string{"C-1", "C-2", "C-4"}}},
		Results: []finding.Result{
			{Object: a, ControlID: "C-1", Status: finding.StatusFailed, Findings: []finding.Finding{{Message: "x"}}},
			{Object: b, ControlID: "C-1", Status: finding.StatusPassed},
			{Object: c, ControlID: "C-1", Status: finding.StatusPassed},
			{Object: a, ControlID: "C-2", Status: finding.StatusPassed},
			{Object: b, ControlID: "C-2", Status: finding.StatusPassed},
			{Object: a, ControlID: "C-6", Status: finding.StatusSkipped, Reason: "rule timed out"},
			{Object: b, ControlID: "C-6", Status: finding.StatusPassed},
		},
	}
	rep := Build(in)
	ctl := map[string]finding.Control{}
	for _, c := range rep.Controls {
		ctl[c.ID] = c
	}
	check := func(id string, status finding.Status, compliance *float64) {
		t.Helper()
		c := ctl[id]
		if c.Status != status {
			t.Errorf("%s status %s, want %s", id, c.Status, status)
		}
		switch {
		case compliance == nil && c.ComplianceScore != nil:
			t.Errorf("%s compliance %v, want null", id, *c.ComplianceScore)
		case compliance != nil && (c.ComplianceScore == nil || *c.ComplianceScore != *compliance):
			t.Errorf("%s compliance %v, want %v", id, c.ComplianceScore, *compliance)
		}
	}
	f := func(v float64) *float64 { return &v }
	check("C-1", finding.StatusFailed, f(66.67))
	check("C-2", finding.StatusPassed, f(100))
	check("C-3", finding.StatusPassed, f(100))
	check("C-4", finding.StatusSkipped, nil)
	check("C-5", finding.StatusSkipped, nil)
	check("C-6", finding.StatusSkipped, nil)
	if ctl["C-3"].SubStatus != finding.SubStatusIrrelevant {
		t.Error("C-3 should be irrelevant")
	}
	if ctl["C-6"].SkipReason != "1 of 2 resources could not be evaluated: rule timed out" {
		t.Errorf("C-6 reason %q", ctl["C-6"].SkipReason)
	}
	// Overall: mean of the evaluated controls C-1, C-2, C-3 (skipped ones left out).
	if got := *rep.Summary.ComplianceScore; got != 88.89 {
		t.Errorf("overall compliance %v, want 88.89", got)
	}
	// Framework F: C-1 and C-2 evaluated, C-4 skipped.
	fw := rep.Frameworks[0]
	if *fw.ComplianceScore != 83.34 && *fw.ComplianceScore != 83.33 {
		t.Errorf("framework compliance %v", *fw.ComplianceScore)
	}
	if fw.Controls != (finding.Counters{Passed: 1, Failed: 1, Skipped: 1, Total: 3}) {
		t.Errorf("framework counters %+v", fw.Controls)
	}
	// Risk of C-1: a (weight 1) failed out of a, b (10 replicas: 11), c (1): 8*1 / 8*13.
	if got := ctl["C-1"].RiskScore; got != 7.69 {
		t.Errorf("C-1 risk %v, want 7.69", got)
	}
	if rep.Summary.FailedControls.High != 1 || rep.Summary.Controls != (finding.Counters{Passed: 2, Failed: 1, Skipped: 3, Total: 6}) {
		t.Errorf("summary %+v", rep.Summary)
	}
	// a failed C-1 (and was skipped on C-6: failed wins); b and c passed everything they ran.
	if rep.Summary.Resources != (finding.Counters{Passed: 2, Failed: 1, Skipped: 0, Total: 3}) {
		t.Errorf("resources %+v", rep.Summary.Resources)
	}
}

func TestNothingEvaluatedHasNoCompliance(t *testing.T) {
	rep := Build(Input{Controls: []ControlSpec{{ID: "C-1", BaseScore: 5, SkipReason: "needs host data"}}})
	if rep.Summary.ComplianceScore != nil {
		t.Errorf("compliance %v, want null: nothing was evaluated", *rep.Summary.ComplianceScore)
	}
}

func TestWeight(t *testing.T) {
	ds := &resource.Object{Kind: "DaemonSet", Object: map[string]any{"status": map[string]any{"desiredNumberScheduled": int64(4)}}}
	if w := Weight(ds); w != 4 {
		t.Errorf("daemonset weight %v", w)
	}
	if w := Weight(obj("x", 3)); w < 3.29 || w > 3.31 {
		t.Errorf("3 replicas weight %v, want 3.3", w)
	}
}
