package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// control returns the files of a one-rule control matching Pods.
func control(id, rule string) fstest.MapFS {
	pkg := strings.ReplaceAll(id, "-", "_")
	return fstest.MapFS{
		"controls/" + id + "/control.yaml": {Data: []byte("id: " + id + "\nname: " + id + "\nbaseScore: 5\ncategory: Workload\nscope: [file]\nmatch: [Pod]\ndescription: d\nremediation: r\n")},
		"controls/" + id + "/rule.rego":    {Data: []byte("package t." + pkg + "\n\n" + rule)},
	}
}

func library(t *testing.T, parts ...fstest.MapFS) *policy.Compiled {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, p := range parts {
		for k, v := range p {
			fsys[k] = v
		}
	}
	lib, err := policy.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := policy.Compile(lib, false)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func pod(name string, privileged bool) *resource.Object {
	return &resource.Object{APIVersion: "v1", Kind: "Pod", Name: name, Object: map[string]any{
		"apiVersion": "v1", "kind": "Pod", "metadata": map[string]any{"name": name},
		"spec": map[string]any{"containers": []any{map[string]any{"name": "c", "securityContext": map[string]any{"privileged": privileged}}}},
	}}
}

func evaluate(t *testing.T, c *policy.Compiled, opts engine.Options, objs ...*resource.Object) map[string]finding.Result {
	t.Helper()
	e, err := engine.New(context.Background(), c, c.Library.Controls, opts)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := e.Evaluate(context.Background(), objs, map[string]any{"index": map[string]any{}, "inputs": map[string]any{}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]finding.Result{}
	for _, r := range rs {
		out[r.Object.Name+"/"+r.ControlID] = r
	}
	return out
}

const privilegedRule = `deny contains {"msg": "privileged", "failedPaths": ["spec.containers[0].securityContext.privileged"]} if {
	input.spec.containers[0].securityContext.privileged == true
}
`

func TestEvaluatePassAndFail(t *testing.T) {
	c := library(t, control("T-1", privilegedRule))
	rs := evaluate(t, c, engine.Options{}, pod("bad", true), pod("good", false),
		&resource.Object{APIVersion: "v1", Kind: "Service", Name: "svc", Object: map[string]any{"kind": "Service"}})
	if r := rs["bad/T-1"]; r.Status != finding.StatusFailed || len(r.Findings) != 1 || r.Findings[0].FailedPaths[0] != "spec.containers[0].securityContext.privileged" {
		t.Errorf("bad: %+v", r)
	}
	if r := rs["good/T-1"]; r.Status != finding.StatusPassed || len(r.Findings) != 0 {
		t.Errorf("good: %+v", r)
	}
	if _, ok := rs["svc/T-1"]; ok {
		t.Error("a Service must not be evaluated by a Pod control")
	}
}

// A rule that errors is skipped with the reason on that object; the other controls of the same
// batch still give their results.
func TestRuleErrorSkipsOnlyThatControl(t *testing.T) {
	conflict := `x := 1 if input.metadata.name == "bad"
x := 2 if input.metadata.name == "bad"
deny contains "never" if x == 3
`
	c := library(t, control("T-1", privilegedRule), control("T-2", conflict))
	rs := evaluate(t, c, engine.Options{}, pod("bad", true), pod("good", false))
	if r := rs["bad/T-2"]; r.Status != finding.StatusSkipped || !strings.Contains(r.Reason, "rule error") || !strings.Contains(r.Reason, "rule.rego") {
		t.Errorf("erroring rule: %+v", r)
	}
	if r := rs["bad/T-1"]; r.Status != finding.StatusFailed {
		t.Errorf("the other control of the batch: %+v", r)
	}
	if r := rs["good/T-2"]; r.Status != finding.StatusPassed {
		t.Errorf("the erroring rule on an object where it does not error: %+v", r)
	}
}

func TestMalformedFindingIsSkipped(t *testing.T) {
	c := library(t, control("T-1", `deny contains {"msg": "m", "failedPaths": "not-a-list"} if true`))
	rs := evaluate(t, c, engine.Options{}, pod("p", false))
	if r := rs["p/T-1"]; r.Status != finding.StatusSkipped || !strings.Contains(r.Reason, "failedPaths must be a list") {
		t.Errorf("%+v", r)
	}
}

func TestTimeoutIsSkipped(t *testing.T) {
	// Enumerates 10^8 combinations: far longer than the timeout.
	slow := `deny contains "slow" if {
	some a in numbers.range(1, 10000)
	some b in numbers.range(1, 10000)
	a * b == -1
}
`
	c := library(t, control("T-1", slow), control("T-2", privilegedRule))
	start := time.Now()
	rs := evaluate(t, c, engine.Options{Timeout: 200 * time.Millisecond}, pod("p", true))
	if r := rs["p/T-1"]; r.Status != finding.StatusSkipped || r.Reason != "rule timed out" {
		t.Errorf("slow rule: %+v", r)
	}
	if r := rs["p/T-2"]; r.Status != finding.StatusFailed {
		t.Errorf("the fast rule must still be evaluated: %+v", r)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("evaluation took %v despite the timeout", d)
	}
}

func TestNetworkBuiltinsAreNotAvailable(t *testing.T) {
	lib, err := policy.Load(control("T-1", `deny contains "x" if http.send({"method": "GET", "url": "http://example.com"}).status_code == 200`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := policy.Compile(lib, false); err == nil || !strings.Contains(err.Error(), "http.send") {
		t.Fatalf("compile error = %v, want http.send refused", err)
	}
}

func TestDataIsReadable(t *testing.T) {
	rule := `deny contains sprintf("%v", [x]) if {
	x := data.kubescape.inputs.limit[0]
}
`
	c := library(t, control("T-1", rule))
	e, err := engine.New(context.Background(), c, c.Library.Controls, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []string{"a", "b"} {
		rs, err := e.Evaluate(context.Background(), []*resource.Object{pod("p", false)}, map[string]any{"index": map[string]any{}, "inputs": map[string]any{"limit": []any{limit}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || len(rs[0].Findings) != 1 || rs[0].Findings[0].Message != limit {
			t.Errorf("with input %q: %+v (data must be replaced between evaluations)", limit, rs)
		}
	}
}

// The VM runs ordinary rules itself; a rule using what it does not implement (walk, a relation)
// sends the library to topdown, with the same results.
func TestVMAndItsFallback(t *testing.T) {
	walkRule := `deny contains "privileged" if {
	walk(input.spec, [path, value])
	path[3] == "privileged"
	value == true
}
`
	for _, tc := range []struct {
		rule   string
		vmRuns bool
	}{{privilegedRule, true}, {walkRule, false}} {
		c := library(t, control("T-1", tc.rule))
		e, err := engine.New(context.Background(), c, c.Library.Controls, engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rs, err := e.Evaluate(context.Background(), []*resource.Object{pod("bad", true), pod("good", false)},
			map[string]any{"index": map[string]any{}, "inputs": map[string]any{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 || rs[0].Status != finding.StatusFailed || rs[1].Status != finding.StatusPassed {
			t.Errorf("vmRuns=%v: %+v", tc.vmRuns, rs)
		}
		st := e.Stats()
		if tc.vmRuns && (st.VM != 2 || st.Topdown != 0 || len(st.TopdownKinds) != 0) {
			t.Errorf("the VM should have evaluated both objects: %+v", st)
		}
		if !tc.vmRuns && (st.VM != 0 || st.Topdown != 2 || len(st.TopdownKinds) != 1) {
			t.Errorf("walk should have sent the kind to topdown: %+v", st)
		}
	}
}
