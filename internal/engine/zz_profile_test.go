package engine

import (
	"context"
	"os"
	"sort"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/kubescape-ng/kubescape/internal/corpus"
	"github.com/kubescape-ng/kubescape/internal/index"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/library"
)

func TestZZProfile(t *testing.T) {
	if os.Getenv("KS_PROFILE") == "" {
		t.Skip()
	}
	lib, _ := policy.Load(library.FS)
	c, err := policy.Compile(lib, false)
	if err != nil {
		t.Fatal(err)
	}
	var objs []*resource.Object
	for _, f := range corpus.Generate(corpus.Options{Objects: 2000, Seed: 1, Cluster: os.Getenv("KS_CLUSTER") != ""}) {
		o, _ := files.Decode(f.Name, f.Data)
		objs = append(objs, o...)
	}
	idx := index.Build(objs)
	objs = append(objs, idx.Subjects...)
	inputs := map[string]any{}
	for k, v := range lib.Inputs {
		l := []any{}
		for _, x := range v {
			l = append(l, x)
		}
		inputs[k] = l
	}
	d := idx.Data()
	d["target"] = "files"
	var ctls []*policy.Control
	for _, ctl := range lib.Controls {
		if !ctl.RequiresConfiguration {
			ctls = append(ctls, ctl)
		}
	}
	e, err := New(context.Background(), c, ctls, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Evaluate(context.Background(), objs[:1], map[string]any{"index": d, "inputs": inputs}); err != nil {
		t.Fatal(err)
	}
	txn, _ := e.store.NewTransaction(context.Background())
	shared := newSharedValues(e.constant)
	p := profiler.New()
	for _, o := range objs {
		pl := e.byKind[o.GroupKind()]
		if pl == nil {
			continue
		}
		v, _ := ast.InterfaceToValue(o.Object)
		pl.batch.Eval(context.Background(), rego.EvalParsedInput(v), rego.EvalTransaction(txn), rego.EvalVirtualCache(shared.newEvalCache()), rego.EvalQueryTracer(p))
	}
	res := p.ReportTopNResults(60, []string{"total_time_ns"})
	sort.Slice(res, func(i, j int) bool { return res[i].ExprTimeNs > res[j].ExprTimeNs })
	var total int64
	for _, s := range p.ReportTopNResults(100000, []string{"total_time_ns"}) {
		total += s.ExprTimeNs
	}
	t.Logf("total expr time %.1fms", float64(total)/1e6)
	for _, s := range res {
		t.Logf("%8.1fms %7d  %s:%d", float64(s.ExprTimeNs)/1e6, s.NumEval, s.Location.File, s.Location.Row)
	}
}
