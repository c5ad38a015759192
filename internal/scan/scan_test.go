package scan_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/scan"
)

// TestConstantRulesChangeNothing checks the engine's cross-object cache of input-independent
// rules: the same corpus scanned with and without it gives the same report.
func TestConstantRulesChangeNothing(t *testing.T) {
	b := &testing.B{}
	c := compiled(b)
	if len(c.Constant) == 0 {
		t.Fatal("no constant rule found: the analysis is broken")
	}
	// Rules that read only inputs must be found constant; rules reading input must not.
	for _, want := range []string{"data.kubescape.lib.secrets.key_names", "data.kubescape.lib.secrets.words"} {
		if !c.Constant[want] {
			t.Errorf("%s should be constant", want)
		}
	}
	for _, notWant := range []string{"data.kubescape.lib.workload.containers", "data.kubescape.lib.k8s.related", "data.kubescape.controls.C_0012.deny"} {
		if c.Constant[notWant] {
			t.Errorf("%s depends on input but was found constant", notWant)
		}
	}
	objs := objects(b, 3000)
	ctx := context.Background()
	report := func(c *policy.Compiled) string {
		s, err := scan.New(ctx, c, allControls(c), engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles})
		if err != nil {
			t.Fatal(err)
		}
		failed := 0
		for _, r := range res.Results {
			if r.Status == finding.StatusFailed {
				failed++
			}
		}
		if failed == 0 {
			t.Fatal("the corpus produced no failure: the comparison would prove nothing")
		}
		data, _ := json.Marshal(res.Report)
		return string(data)
	}
	with := report(c)
	without := *c
	without.Constant = map[string]bool{}
	if got := report(&without); got != with {
		t.Error("reports differ with and without the constant-rule cache")
	}
}
