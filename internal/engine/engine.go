// Package engine evaluates compiled controls over objects. Everything is prepared once when the
// engine is built; each object is then evaluated, in parallel, against only the controls whose
// kinds match it. Rules run on a small VM that executes OPA's planned intermediate
// representation (vm.go), several times faster than OPA's topdown evaluator on this library;
// topdown stays for what the VM cannot plan or run and to report rule errors, and evaluates
// everything when Options.Evaluator is EvaluatorTopdown. The engine does no I/O and knows
// nothing of flags or output formats.
package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// DefaultTimeout bounds the evaluation of one object against its controls.
const DefaultTimeout = 10 * time.Second

// DataRoot is where scan data lives for rules: data.kubescape.index (relations built by the
// index) and data.kubescape.inputs (control inputs).
const DataRoot = "kubescape"

// Options tune an Engine.
type Options struct {
	// Workers is the number of objects evaluated in parallel (0 = GOMAXPROCS).
	Workers int
	// Timeout bounds one object's evaluation (0 = DefaultTimeout).
	Timeout time.Duration
	// Evaluator picks how rules are evaluated: EvaluatorVM (the default) or EvaluatorTopdown.
	Evaluator string
}

// Evaluators.
const (
	// EvaluatorVM runs the planner's intermediate representation of the rules (vm.go), and
	// topdown for what it cannot run.
	EvaluatorVM = "vm"
	// EvaluatorTopdown runs OPA's topdown evaluator only.
	EvaluatorTopdown = "topdown"
)

// Engine holds prepared queries for a set of controls. It is safe for concurrent use; Evaluate
// calls are serialised because each replaces the data rules read.
type Engine struct {
	opts     Options
	controls []*policy.Control
	byKind   map[resource.GroupKind]*plan
	compiled *policy.Compiled
	// single holds one prepared query per control, prepared on first use: only when a batch
	// fails and each control must be evaluated on its own.
	singleMu sync.Mutex
	single   map[string]rego.PreparedEvalQuery
	store    storage.Store
	constant *pathTrie
	vm       *vmProgram
	mu       sync.Mutex
	// Objects evaluated on the VM and with topdown, over the engine's life.
	onVM, onTopdown atomic.Int64
}

// Stats counts the objects an engine evaluated on the VM and with topdown, and lists the kinds
// whose batch the VM cannot run.
type Stats struct {
	VM, Topdown  int64
	TopdownKinds []resource.GroupKind
}

// Stats reports how the engine's objects were evaluated.
func (e *Engine) Stats() Stats {
	s := Stats{VM: e.onVM.Load(), Topdown: e.onTopdown.Load()}
	for gk, p := range e.byKind {
		if p.rules == nil {
			s.TopdownKinds = append(s.TopdownKinds, gk)
		}
	}
	sort.Slice(s.TopdownKinds, func(i, j int) bool { return s.TopdownKinds[i].String() < s.TopdownKinds[j].String() })
	return s
}

// plan evaluates every control that matches one kind in one query.
type plan struct {
	controls []*policy.Control
	batch    rego.PreparedEvalQuery
	// rules are the controls' deny rules on the VM (vm.go), in the order of controls; nil when
	// the VM cannot run one of them, and topdown evaluates the batch.
	rules []*vmFunc
}

// New prepares the queries for the given controls of a compiled library.
func New(ctx context.Context, c *policy.Compiled, controls []*policy.Control, opts Options) (*Engine, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	e := &Engine{
		opts:     opts,
		controls: controls,
		byKind:   map[resource.GroupKind]*plan{},
		single:   map[string]rego.PreparedEvalQuery{},
		compiled: c,
		constant: newPathTrie(c.Constant),
		store:    inmem.NewWithOpts(inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true)),
	}
	byKind := map[resource.GroupKind][]*policy.Control{}
	for _, ctl := range controls {
		if ctl.Package == "" {
			return nil, fmt.Errorf("control %s: not compiled", ctl.ID)
		}
		for _, gk := range ctl.Kinds {
			byKind[gk] = append(byKind[gk], ctl)
		}
	}
	for gk, ctls := range byKind {
		refs := make([]string, len(ctls))
		for i, ctl := range ctls {
			refs[i] = "data." + ctl.Package + ".deny"
		}
		query := "[" + strings.Join(refs, ", ") + "]"
		q, err := e.prepare(ctx, c, query)
		if err != nil {
			return nil, fmt.Errorf("prepare batch for %s: %w", gk, err)
		}
		e.byKind[gk] = &plan{controls: ctls, batch: q}
	}
	if opts.Evaluator != EvaluatorTopdown {
		e.prepareVM(ctx, c)
	}
	return e, nil
}

// prepareVM plans every control's deny rule at once and gives each kind its rules on the VM. A
// kind stays with topdown when planning fails or one of its rules is missing from the plan.
func (e *Engine) prepareVM(ctx context.Context, c *policy.Compiled) {
	refs := make([]string, len(e.controls))
	for i, ctl := range e.controls {
		refs[i] = "data." + ctl.Package + ".deny"
	}
	if len(refs) == 0 {
		return
	}
	pol, err := planQuery(ctx, c.Compiler, c.Capabilities, "["+strings.Join(refs, ", ")+"]")
	if err != nil {
		return
	}
	prog, err := compileVM(pol, c.Constant)
	if err != nil {
		return
	}
	e.vm = prog
	for _, p := range e.byKind {
		rules := make([]*vmFunc, len(p.controls))
		for i, ctl := range p.controls {
			if rules[i] = prog.byName["g0.data."+ctl.Package+".deny"]; rules[i] == nil || !rules[i].rule {
				rules = nil
				break
			}
		}
		p.rules = rules
	}
}

// singleQuery returns the prepared query of one control, preparing it on first use.
func (e *Engine) singleQuery(ctx context.Context, ctl *policy.Control) (rego.PreparedEvalQuery, error) {
	e.singleMu.Lock()
	defer e.singleMu.Unlock()
	if q, ok := e.single[ctl.ID]; ok {
		return q, nil
	}
	q, err := e.prepare(ctx, e.compiled, "data."+ctl.Package+".deny")
	if err != nil {
		return q, fmt.Errorf("prepare control %s: %w", ctl.ID, err)
	}
	e.single[ctl.ID] = q
	return q, nil
}

func (e *Engine) prepare(ctx context.Context, c *policy.Compiled, query string) (rego.PreparedEvalQuery, error) {
	r := rego.New(
		rego.Query(query),
		rego.Compiler(c.Compiler),
		rego.Store(e.store),
		rego.Capabilities(c.Capabilities),
		rego.SetRegoVersion(ast.RegoV1),
	)
	return r.PrepareForEval(ctx)
}

// Controls returns the controls this engine evaluates.
func (e *Engine) Controls() []*policy.Control { return e.controls }

// Matches reports whether any control of the engine reads objects of this kind.
func (e *Engine) Matches(gk resource.GroupKind) bool { return e.byKind[gk] != nil }

// Evaluate runs every matching control on every object. data is made available to rules under
// data.kubescape (keys "index" and "inputs"). The results come in object order, and per object in
// the order of the engine's controls. A rule that errors or times out on an object yields a
// skipped result with the reason; evaluation goes on.
func (e *Engine) Evaluate(ctx context.Context, objs []*resource.Object, data map[string]any) ([]finding.Result, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := storage.WriteOne(ctx, e.store, storage.AddOp, storage.Path{DataRoot}, data); err != nil {
		return nil, fmt.Errorf("load scan data: %w", err)
	}
	txn, err := e.store.NewTransaction(ctx)
	if err != nil {
		return nil, fmt.Errorf("open data transaction: %w", err)
	}
	defer e.store.Abort(ctx, txn)
	shared := newSharedValues(e.constant)
	// The VM reads the data as the store holds it (AST values), so that the index is not
	// converted and kept twice.
	stored, err := e.store.Read(ctx, txn, storage.Path{DataRoot})
	if err != nil {
		return nil, fmt.Errorf("read scan data: %w", err)
	}
	storedValue, ok := stored.(ast.Value)
	if !ok {
		if storedValue, err = ast.InterfaceToValue(stored); err != nil {
			return nil, fmt.Errorf("read scan data: %w", err)
		}
	}
	dataValue := ast.NewObject(ast.Item(ast.InternedTerm(DataRoot), ast.NewTerm(storedValue)))
	vmShared := &vmShared{values: map[vmSharedKey]ast.Value{}}

	perObject := make([][]finding.Result, len(objs))
	next := make(chan int, 256)
	var wg sync.WaitGroup
	for w := 0; w < e.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{txn: txn, shared: shared, data: dataValue}
			if e.vm != nil {
				w.vm = newVMEval(e.vm, vmShared)
			}
			for i := range next {
				perObject[i] = e.evalObject(ctx, w, objs[i])
			}
		}()
	}
	for i, o := range objs {
		if e.byKind[o.GroupKind()] == nil {
			continue
		}
		select {
		case next <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := 0
	for _, r := range perObject {
		n += len(r)
	}
	out := make([]finding.Result, 0, n)
	for _, r := range perObject {
		out = append(out, r...)
	}
	return out, nil
}

// worker is the state of one evaluating goroutine.
type worker struct {
	txn    storage.Transaction
	shared *sharedValues
	data   ast.Value
	vm     *vmEval
}

// evalObject evaluates one object: one batched query, or, if it fails, each control on its own
// so that one broken rule does not hide the others.
func (e *Engine) evalObject(ctx context.Context, w *worker, o *resource.Object) []finding.Result {
	p := e.byKind[o.GroupKind()]
	input, err := ast.InterfaceToValue(o.Object)
	if err != nil {
		return skipAll(p.controls, o, "object cannot be passed to the rules: "+err.Error())
	}
	out := make([]finding.Result, len(p.controls))
	if p.rules != nil {
		if values := e.evalVM(ctx, w, p, input); values != nil {
			for i, ctl := range p.controls {
				out[i] = result(o, ctl, ast.NewTerm(values[i]))
			}
			e.onVM.Add(1)
			return out
		}
	}
	e.onTopdown.Add(1)
	txn, shared := w.txn, w.shared
	rs, err := e.eval(ctx, txn, shared, p.batch, input)
	if err == nil {
		if t, ok := single(rs).(*ast.Term); ok {
			if arr, ok := t.Value.(*ast.Array); ok && arr.Len() == len(p.controls) {
				for i, ctl := range p.controls {
					out[i] = result(o, ctl, arr.Elem(i))
				}
				return out
			}
		}
	}
	for i, ctl := range p.controls {
		q, err := e.singleQuery(ctx, ctl)
		if err != nil {
			out[i] = finding.Result{Object: o, ControlID: ctl.ID, Status: finding.StatusSkipped, Reason: describe(err)}
			continue
		}
		rs, err := e.eval(ctx, txn, shared, q, input)
		if err != nil {
			out[i] = finding.Result{Object: o, ControlID: ctl.ID, Status: finding.StatusSkipped, Reason: describe(err)}
			continue
		}
		t, _ := single(rs).(*ast.Term)
		out[i] = result(o, ctl, t)
	}
	return out
}

// evalVM evaluates the deny rules of an object's controls on the VM; nil when that fails (a
// conflict, a timeout, an undefined rule), and topdown then evaluates the object and reports
// what went wrong.
func (e *Engine) evalVM(ctx context.Context, w *worker, p *plan, input ast.Value) (values []ast.Value) {
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	// A builtin that panics on what the VM hands it must not take the scan down: topdown, which
	// recovers from builtin panics itself, then evaluates the object.
	defer func() {
		if recover() != nil {
			values = nil
		}
	}()
	values = make([]ast.Value, len(p.rules))
	if err := w.vm.rules(ctx, input, w.data, p.rules, values); err != nil {
		return nil
	}
	for _, v := range values {
		if v == nil {
			return nil
		}
	}
	return values
}

func (e *Engine) eval(ctx context.Context, txn storage.Transaction, shared *sharedValues, q rego.PreparedEvalQuery, input ast.Value) (rego.ResultSet, error) {
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	return q.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTransaction(txn), rego.EvalVirtualCache(shared.newEvalCache()),
		rego.EvalGenerateJSON(keepAST))
}

// keepAST leaves results as AST terms: findings are read from them directly, without building
// Go maps for every (mostly empty) deny set first.
func keepAST(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// single returns the value of a one-expression result set, nil when undefined.
func single(rs rego.ResultSet) any {
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return nil
	}
	return rs[0].Expressions[0].Value
}

func skipAll(ctls []*policy.Control, o *resource.Object, reason string) []finding.Result {
	out := make([]finding.Result, len(ctls))
	for i, c := range ctls {
		out[i] = finding.Result{Object: o, ControlID: c.ID, Status: finding.StatusSkipped, Reason: reason}
	}
	return out
}

// describe turns an evaluation error into a reason a user can act on.
func describe(err error) string {
	var te *topdown.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &te) && te.Code == topdown.CancelErr):
		return "rule timed out"
	case errors.As(err, &te):
		loc := ""
		if te.Location != nil {
			loc = fmt.Sprintf(" at %s:%d", te.Location.File, te.Location.Row)
		}
		return fmt.Sprintf("rule error%s: %s", loc, te.Message)
	}
	return "rule error: " + err.Error()
}

// result converts a deny set into a Result.
func result(o *resource.Object, ctl *policy.Control, t *ast.Term) finding.Result {
	r := finding.Result{Object: o, ControlID: ctl.ID, Status: finding.StatusPassed}
	if t == nil {
		r.Status = finding.StatusSkipped
		r.Reason = "rule error: deny is undefined"
		return r
	}
	var items []*ast.Term
	switch v := t.Value.(type) {
	case ast.Set:
		if v.Len() == 0 {
			return r
		}
		items = v.Slice()
	case *ast.Array:
		for i := 0; i < v.Len(); i++ {
			items = append(items, v.Elem(i))
		}
	default:
		r.Status = finding.StatusSkipped
		r.Reason = "rule error: deny must be a set of findings"
		return r
	}
	for _, it := range items {
		f, err := decodeFinding(it)
		if err != nil {
			return finding.Result{Object: o, ControlID: ctl.ID, Status: finding.StatusSkipped, Reason: "rule error: " + err.Error()}
		}
		r.Findings = append(r.Findings, f)
	}
	if len(r.Findings) > 0 {
		r.Status = finding.StatusFailed
		sort.SliceStable(r.Findings, func(i, j int) bool { return r.Findings[i].FirstPath() < r.Findings[j].FirstPath() })
	}
	return r
}

// decodeFinding reads one element of a deny set:
//
//	{"msg": string, "failedPaths": [string], "fixPaths": [{"path": string, "value": string}],
//	 "reviewPaths": [string], "deletePaths": [string]}
func decodeFinding(t *ast.Term) (finding.Finding, error) {
	switch x := t.Value.(type) {
	case ast.String:
		return finding.Finding{Message: string(x)}, nil
	case ast.Object:
		var f finding.Finding
		var err error
		x.Until(func(k, v *ast.Term) bool {
			key, ok := k.Value.(ast.String)
			if !ok {
				err = fmt.Errorf("finding keys must be strings, got %v", k)
				return true
			}
			switch string(key) {
			case "msg":
				s, ok := v.Value.(ast.String)
				if !ok {
					err = errors.New("msg must be a string")
				}
				f.Message = string(s)
			case "failedPaths":
				f.FailedPaths, err = stringList(string(key), v)
			case "reviewPaths":
				f.ReviewPaths, err = stringList(string(key), v)
			case "deletePaths":
				f.DeletePaths, err = stringList(string(key), v)
			case "fixPaths":
				f.FixPaths, err = fixPaths(v)
			default:
				err = fmt.Errorf("unknown finding field %q", string(key))
			}
			return err != nil
		})
		return f, err
	}
	return finding.Finding{}, fmt.Errorf("a finding must be an object with msg and paths, got %v", ast.ValueName(t.Value))
}

// elems returns the elements of an array or set term, in order; ok is false for anything else.
func elems(t *ast.Term) ([]*ast.Term, bool) {
	switch v := t.Value.(type) {
	case *ast.Array:
		out := make([]*ast.Term, v.Len())
		for i := range out {
			out[i] = v.Elem(i)
		}
		return out, true
	case ast.Set:
		return v.Slice(), true
	}
	return nil, false
}

func stringList(field string, t *ast.Term) ([]string, error) {
	list, ok := elems(t)
	if !ok {
		return nil, fmt.Errorf("%s must be a list of strings", field)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.Value.(ast.String)
		if !ok {
			return nil, fmt.Errorf("%s must be a list of strings", field)
		}
		out = append(out, string(s))
	}
	// The rule's order is kept: its first path is the one the finding's line points at.
	return out, nil
}

func fixPaths(t *ast.Term) ([]finding.FixPath, error) {
	list, ok := elems(t)
	if !ok {
		return nil, errors.New("fixPaths must be a list of {path, value}")
	}
	out := make([]finding.FixPath, 0, len(list))
	for _, e := range list {
		m, ok := e.Value.(ast.Object)
		if !ok {
			return nil, errors.New("fixPaths must be a list of {path, value}")
		}
		var p, val ast.String
		var okP, okV bool
		if pt := m.Get(ast.InternedTerm("path")); pt != nil {
			p, okP = pt.Value.(ast.String)
		}
		if vt := m.Get(ast.InternedTerm("value")); vt != nil {
			val, okV = vt.Value.(ast.String)
		}
		if !okP || p == "" || !okV {
			return nil, errors.New("fixPaths entries need a path and a string value")
		}
		out = append(out, finding.FixPath{Path: string(p), Value: string(val)})
	}
	return out, nil
}
