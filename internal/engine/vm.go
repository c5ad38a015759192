package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/ir"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/builtins"
)

// This file evaluates the plans of OPA's planner (the intermediate representation that OPA's
// wasm compiler reads) directly on AST values. A plan is a flat program of blocks and statements
// with numbered locals; running it skips most of what makes topdown slow on this library
// (unification, bindings, a child evaluation per rule body), while the rules stay Rego and the
// builtins stay OPA's own. The semantics follow OPA's wasm compiler statement by statement:
//
//   - a statement that fails (an undefined value, a failed test) leaves the innermost block;
//   - BreakStmt{Index: n} leaves n+1 enclosing blocks; a scan's body sits in a loop inside a
//     block, so leaving the body continues the loop and leaving one more ends the scan;
//   - a call whose result is undefined fails, as does a builtin that returns an error;
//   - rules (functions of input and data only) are memoised per evaluation, as are calls of
//     functions with arguments; rules that do not depend on input, and calls of such functions
//     with scalar arguments, are shared by every evaluation of a scan.
//
// Anything the plan does that this file does not implement (a `with`, a dynamic call, a relation
// builtin) makes preparation fail, and the engine then evaluates everything with topdown; an
// evaluation that fails at run time (a conflict, a timeout) is done again with topdown, which
// reports the error with its rule and line.

// errVMUnsupported marks a plan the VM cannot run; the caller falls back to topdown.
var errVMUnsupported = errors.New("plan not supported by the VM")

// errVMConflict is a conflict the rules produce at run time (a complete rule or function with
// two values, an object key with two values): an error in Rego, which the engine then reports by
// evaluating the controls with topdown, whose messages name the rule.
var errVMConflict = errors.New("conflicting values")

type opcode uint8

const (
	opCall opcode = iota
	opCallBuiltin
	opBlock
	opBreak
	opScan
	opNot
	opAssignVar
	opAssignVarOnce
	opAssignInt
	opDot
	opLen
	opEqual
	opNotEqual
	opMakeNull
	opMakeNumber
	opMakeArray
	opMakeObject
	opMakeSet
	opIsArray
	opIsObject
	opIsSet
	opIsDefined
	opIsUndefined
	opResetLocal
	opArrayAppend
	opObjectInsert
	opObjectInsertOnce
	opSetAdd
	opReturn
	opNop
)

// operand is a local (local >= 0) or a constant.
type operand struct {
	local int
	val   ast.Value
}

type instr struct {
	op     opcode
	a, b   operand
	c      operand
	target int
	index  int
	num    ast.Value
	blocks [][]instr
	args   []operand
	fn     *vmFunc
	bi     topdown.BuiltinFunc
	// void: the builtin returns nothing, and succeeds unless it errors.
	void bool
}

type vmFunc struct {
	id     int
	params []int
	ret    int
	locals int
	blocks [][]instr
	// rule: the function of a rule (input and data only), memoised per evaluation.
	rule bool
	// shared: does not depend on input; its values are shared across evaluations.
	shared bool
}

// vmProgram holds the functions of a planned policy.
type vmProgram struct {
	funcs  []*vmFunc
	byName map[string]*vmFunc
}

// vmPlugin receives plans from rego.PrepareForEval (OPA hands a target plugin the planned
// policy); prepare captures them.
type vmPlugin struct {
	mu      sync.Mutex
	capture *ir.Policy
}

const vmTarget = "kubescape-vm"

var (
	vmPluginOnce sync.Once
	thePlugin    = &vmPlugin{}
)

func (p *vmPlugin) IsTarget(t string) bool { return t == vmTarget }

func (p *vmPlugin) PrepareForEval(_ context.Context, pol *ir.Policy, _ ...rego.PrepareOption) (rego.TargetPluginEval, error) {
	p.capture = pol
	return vmNoEval{}, nil
}

type vmNoEval struct{}

func (vmNoEval) Eval(context.Context, *rego.EvalContext, ast.Value) (ast.Value, error) {
	return nil, errors.New("the kubescape VM is not run through rego")
}

// planQuery plans query over the compiled library.
func planQuery(ctx context.Context, compiler *ast.Compiler, caps *ast.Capabilities, query string) (*ir.Policy, error) {
	vmPluginOnce.Do(func() { rego.RegisterPlugin(vmTarget, thePlugin) })
	thePlugin.mu.Lock()
	defer thePlugin.mu.Unlock()
	thePlugin.capture = nil
	// Planning switches the compiler to IR mode; topdown queries are prepared with it too, so
	// its mode is restored afterwards.
	defer compiler.WithEvalMode(ast.EvalModeTopdown)
	_, err := rego.New(
		rego.Query(query),
		rego.Compiler(compiler),
		rego.Capabilities(caps),
		rego.SetRegoVersion(ast.RegoV1),
		rego.Target(vmTarget),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	if thePlugin.capture == nil {
		return nil, errors.New("no plan")
	}
	return thePlugin.capture, nil
}

// compileVM turns the functions of a planned policy into a program. constant holds the paths of the rules that do
// not depend on input.
func compileVM(pol *ir.Policy, constant map[string]bool) (*vmProgram, error) {
	c := &vmCompiler{byName: map[string]*vmFunc{}}
	for _, s := range pol.Static.Strings {
		c.strings = append(c.strings, ast.String(s.Value))
	}
	prog := &vmProgram{}
	if pol.Funcs != nil {
		for i, f := range pol.Funcs.Funcs {
			vf := &vmFunc{id: i, ret: int(f.Return), rule: len(f.Params) == 2}
			for _, p := range f.Params {
				vf.params = append(vf.params, int(p))
			}
			if len(f.Path) > 1 {
				vf.shared = constant["data."+strings.Join(f.Path[1:], ".")]
			}
			c.byName[f.Name] = vf
			prog.funcs = append(prog.funcs, vf)
		}
		for i, f := range pol.Funcs.Funcs {
			vf := prog.funcs[i]
			c.ret = vf.ret
			c.maxLocal = vf.ret
			for _, p := range vf.params {
				c.maxLocal = max(c.maxLocal, p)
			}
			for _, b := range f.Blocks {
				is, err := c.block(b)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", f.Name, err)
				}
				vf.blocks = append(vf.blocks, is)
			}
			vf.locals = c.maxLocal + 1
		}
	}
	prog.byName = c.byName
	return prog, nil
}

type vmCompiler struct {
	strings  []ast.Value
	byName   map[string]*vmFunc
	maxLocal int
	// ret is the return local of the function being compiled.
	ret int
}

func (c *vmCompiler) local(l ir.Local) int {
	c.maxLocal = max(c.maxLocal, int(l))
	return int(l)
}

func (c *vmCompiler) operand(o ir.Operand) (operand, error) {
	switch v := o.Value.(type) {
	case ir.Local:
		return operand{local: c.local(v)}, nil
	case ir.Bool:
		return operand{local: -1, val: ast.Boolean(v)}, nil
	case ir.StringIndex:
		if int(v) >= len(c.strings) {
			return operand{}, fmt.Errorf("%w: string index %d", errVMUnsupported, v)
		}
		return operand{local: -1, val: c.strings[v]}, nil
	}
	return operand{}, fmt.Errorf("%w: operand %T", errVMUnsupported, o.Value)
}

func (c *vmCompiler) block(b *ir.Block) ([]instr, error) {
	out := make([]instr, 0, len(b.Stmts))
	for _, s := range b.Stmts {
		in, err := c.stmt(s)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

func (c *vmCompiler) blocks(bs []*ir.Block) ([][]instr, error) {
	out := make([][]instr, 0, len(bs))
	for _, b := range bs {
		is, err := c.block(b)
		if err != nil {
			return nil, err
		}
		out = append(out, is)
	}
	return out, nil
}

func (c *vmCompiler) stmt(s ir.Stmt) (instr, error) {
	var in instr
	var err error
	ops := func(list ...ir.Operand) {
		for i, o := range list {
			var x operand
			if x, err = c.operand(o); err != nil {
				return
			}
			switch i {
			case 0:
				in.a = x
			case 1:
				in.b = x
			case 2:
				in.c = x
			}
		}
	}
	switch s := s.(type) {
	case *ir.CallStmt:
		in.target = c.local(s.Result)
		for _, a := range s.Args {
			x, err := c.operand(a)
			if err != nil {
				return in, err
			}
			in.args = append(in.args, x)
		}
		if fn, ok := c.byName[s.Func]; ok {
			in.op, in.fn = opCall, fn
			if len(s.Args) != len(fn.params) {
				return in, fmt.Errorf("%w: %s called with %d arguments", errVMUnsupported, s.Func, len(s.Args))
			}
			break
		}
		bi, decl := topdown.GetBuiltin(s.Func), ast.BuiltinMap[s.Func]
		// Relations (walk) yield many values: the VM does not implement them.
		if bi == nil || decl == nil || decl.Relation {
			return in, fmt.Errorf("%w: builtin %s", errVMUnsupported, s.Func)
		}
		in.op, in.bi, in.void = opCallBuiltin, bi, decl.Decl.Result() == nil
	case *ir.BlockStmt:
		in.op = opBlock
		in.blocks, err = c.blocks(s.Blocks)
	case *ir.BreakStmt:
		in.op, in.index = opBreak, int(s.Index)
	case *ir.ScanStmt:
		in.op = opScan
		in.a = operand{local: c.local(s.Source)}
		in.b = operand{local: c.local(s.Key)}
		in.target = c.local(s.Value)
		in.blocks, err = c.blocks([]*ir.Block{s.Block})
	case *ir.NotStmt:
		in.op = opNot
		in.blocks, err = c.blocks([]*ir.Block{s.Block})
	case *ir.AssignVarStmt:
		in.op, in.target = opAssignVar, c.local(s.Target)
		ops(s.Source)
	case *ir.AssignVarOnceStmt:
		in.op, in.target = opAssignVarOnce, c.local(s.Target)
		ops(s.Source)
	case *ir.AssignIntStmt:
		in.op, in.target, in.num = opAssignInt, c.local(s.Target), ast.Number(fmt.Sprint(s.Value))
	case *ir.DotStmt:
		in.op, in.target = opDot, c.local(s.Target)
		ops(s.Source, s.Key)
	case *ir.LenStmt:
		in.op, in.target = opLen, c.local(s.Target)
		ops(s.Source)
	case *ir.EqualStmt:
		in.op = opEqual
		ops(s.A, s.B)
	case *ir.NotEqualStmt:
		in.op = opNotEqual
		ops(s.A, s.B)
	case *ir.MakeNullStmt:
		in.op, in.target = opMakeNull, c.local(s.Target)
	case *ir.MakeNumberIntStmt:
		in.op, in.target, in.num = opMakeNumber, c.local(s.Target), ast.Number(fmt.Sprint(s.Value))
	case *ir.MakeNumberRefStmt:
		if s.Index < 0 || s.Index >= len(c.strings) {
			return in, fmt.Errorf("%w: number index %d", errVMUnsupported, s.Index)
		}
		in.op, in.target, in.num = opMakeNumber, c.local(s.Target), ast.Number(c.strings[s.Index].(ast.String))
	case *ir.MakeArrayStmt:
		in.op, in.target, in.index = opMakeArray, c.local(s.Target), int(s.Capacity)
	case *ir.MakeObjectStmt:
		in.op, in.target = opMakeObject, c.local(s.Target)
	case *ir.MakeSetStmt:
		in.op, in.target = opMakeSet, c.local(s.Target)
	case *ir.IsArrayStmt:
		in.op = opIsArray
		ops(s.Source)
	case *ir.IsObjectStmt:
		in.op = opIsObject
		ops(s.Source)
	case *ir.IsSetStmt:
		in.op = opIsSet
		ops(s.Source)
	case *ir.IsDefinedStmt:
		in.op, in.a = opIsDefined, operand{local: c.local(s.Source)}
	case *ir.IsUndefinedStmt:
		in.op, in.a = opIsUndefined, operand{local: c.local(s.Source)}
	case *ir.ResetLocalStmt:
		in.op, in.target = opResetLocal, c.local(s.Target)
	case *ir.ArrayAppendStmt:
		in.op, in.target = opArrayAppend, c.local(s.Array)
		ops(s.Value)
	case *ir.ObjectInsertStmt:
		in.op, in.target = opObjectInsert, c.local(s.Object)
		ops(s.Key, s.Value)
	case *ir.ObjectInsertOnceStmt:
		in.op, in.target = opObjectInsertOnce, c.local(s.Object)
		ops(s.Key, s.Value)
	case *ir.SetAddStmt:
		in.op, in.target = opSetAdd, c.local(s.Set)
		ops(s.Value)
	case *ir.ReturnLocalStmt:
		// A function's value is read from its return local when it ends; the planner always
		// returns that local.
		if int(s.Source) != c.ret {
			return in, fmt.Errorf("%w: a return of another local than the function's", errVMUnsupported)
		}
		in.op = opReturn
	case *ir.NopStmt:
		in.op = opNop
	default:
		return in, fmt.Errorf("%w: statement %T", errVMUnsupported, s)
	}
	return in, err
}

// vmShared holds, for one Evaluate call, the values of shared functions.
type vmShared struct {
	mu     sync.RWMutex
	values map[vmSharedKey]ast.Value
}

type vmSharedKey struct {
	fn   *vmFunc
	args string
}

// undefinedValue stands for a memoised undefined result.
var undefinedValue ast.Value = ast.Var("$undefined")

type memoKey struct {
	fn int
	h  uint64
}

type memoEntry struct {
	args []ast.Value
	val  ast.Value
}

// vmEval is the state of one evaluation; evaluations of one worker reuse it.
type vmEval struct {
	prog       *vmProgram
	shared     *vmShared
	ctx        context.Context
	bctx       topdown.BuiltinContext
	input      ast.Value
	data       ast.Value
	ruleValues []ast.Value // memoised rule values, by function id (nil: not computed)
	memo       map[memoKey][]memoEntry
	steps      int
	err        error
	stack      []ast.Value
}

const (
	brkNone   = -1
	brkReturn = 1 << 30
)

func newVMEval(prog *vmProgram, shared *vmShared) *vmEval {
	return &vmEval{prog: prog, shared: shared, ruleValues: make([]ast.Value, len(prog.funcs)), memo: map[memoKey][]memoEntry{}}
}

// rules evaluates rule functions (of input and data) on one input, into out: nil where a rule is
// undefined.
func (e *vmEval) rules(ctx context.Context, input, data ast.Value, fns []*vmFunc, out []ast.Value) error {
	e.ctx, e.input, e.data, e.err, e.steps = ctx, input, data, nil, 0
	clear(e.ruleValues)
	clear(e.memo)
	e.bctx = topdown.BuiltinContext{Context: ctx, Cache: builtins.Cache{}}
	for i, fn := range fns {
		out[i] = e.rule(fn)
		if e.err != nil {
			return e.err
		}
	}
	return nil
}

func (e *vmEval) get(locals []ast.Value, o operand) ast.Value {
	if o.local >= 0 {
		return locals[o.local]
	}
	return o.val
}

// block runs statements; it returns brkNone when they all ran, else how many more enclosing
// blocks to leave (0: just this one), or brkReturn.
func (e *vmEval) block(locals []ast.Value, stmts []instr) int {
	for i := range stmts {
		s := &stmts[i]
		switch s.op {
		case opCall:
			v := e.call(locals, s)
			if e.err != nil {
				return brkReturn
			}
			if v == nil {
				return 0
			}
			locals[s.target] = v
		case opCallBuiltin:
			v, ok := e.builtin(locals, s)
			if e.err != nil {
				return brkReturn
			}
			if !ok {
				return 0
			}
			if !s.void {
				locals[s.target] = v
			}
		case opBlock:
			for _, b := range s.blocks {
				if r := e.block(locals, b); r >= brkReturn {
					return r
				} else if r > 0 {
					return r - 1
				}
			}
		case opBreak:
			return s.index
		case opScan:
			if r := e.scan(locals, s); r != brkNone {
				return r
			}
		case opNot:
			r := e.block(locals, s.blocks[0])
			switch {
			case r >= brkReturn:
				return r
			case r == brkNone:
				return 0
			case r > 0:
				return r - 1
			}
		case opAssignVar:
			locals[s.target] = e.get(locals, s.a)
		case opAssignVarOnce:
			v := e.get(locals, s.a)
			if cur := locals[s.target]; cur != nil {
				if ast.Compare(cur, v) != 0 {
					e.err = errVMConflict
					return brkReturn
				}
				break
			}
			locals[s.target] = v
		case opAssignInt, opMakeNumber:
			locals[s.target] = s.num
		case opDot:
			src, key := e.get(locals, s.a), e.get(locals, s.b)
			if src == nil || key == nil {
				return 0
			}
			v := dot(src, key)
			if v == nil {
				return 0
			}
			locals[s.target] = v
		case opLen:
			src := e.get(locals, s.a)
			n, ok := length(src)
			if !ok {
				return 0
			}
			locals[s.target] = ast.InternedValue(n)
		case opEqual:
			a, b := e.get(locals, s.a), e.get(locals, s.b)
			if a == nil || b == nil || ast.Compare(a, b) != 0 {
				return 0
			}
		case opNotEqual:
			a, b := e.get(locals, s.a), e.get(locals, s.b)
			if a == nil || b == nil || ast.Compare(a, b) == 0 {
				return 0
			}
		case opMakeNull:
			locals[s.target] = ast.Null{}
		case opMakeArray:
			locals[s.target] = ast.NewArrayWithCapacity(s.index)
		case opMakeObject:
			locals[s.target] = ast.NewObject()
		case opMakeSet:
			locals[s.target] = ast.NewSet()
		case opIsArray:
			if _, ok := e.get(locals, s.a).(*ast.Array); !ok {
				return 0
			}
		case opIsObject:
			if _, ok := e.get(locals, s.a).(ast.Object); !ok {
				return 0
			}
		case opIsSet:
			if _, ok := e.get(locals, s.a).(ast.Set); !ok {
				return 0
			}
		case opIsDefined:
			if locals[s.a.local] == nil {
				return 0
			}
		case opIsUndefined:
			if locals[s.a.local] != nil {
				return 0
			}
		case opResetLocal:
			locals[s.target] = nil
		case opArrayAppend:
			arr, ok := locals[s.target].(*ast.Array)
			v := e.get(locals, s.a)
			if !ok || v == nil {
				return 0
			}
			*arr = *arr.Append(ast.NewTerm(v))
		case opObjectInsert:
			obj, ok := locals[s.target].(ast.Object)
			k, v := e.get(locals, s.a), e.get(locals, s.b)
			if !ok || k == nil || v == nil {
				return 0
			}
			obj.Insert(ast.NewTerm(k), ast.NewTerm(v))
		case opObjectInsertOnce:
			obj, ok := locals[s.target].(ast.Object)
			k, v := e.get(locals, s.a), e.get(locals, s.b)
			if !ok || k == nil || v == nil {
				return 0
			}
			kt := ast.NewTerm(k)
			if cur := obj.Get(kt); cur != nil {
				if ast.Compare(cur.Value, v) != 0 {
					e.err = errVMConflict
					return brkReturn
				}
				break
			}
			obj.Insert(kt, ast.NewTerm(v))
		case opSetAdd:
			set, ok := locals[s.target].(ast.Set)
			v := e.get(locals, s.a)
			if !ok || v == nil {
				return 0
			}
			set.Add(ast.NewTerm(v))
		case opReturn:
			return brkReturn
		case opNop:
		}
	}
	return brkNone
}

// scan runs the body for every element of a collection: keys and values of an object in key
// order, elements of a set in order (key and value both the element), of an array by index.
func (e *vmEval) scan(locals []ast.Value, s *instr) int {
	body := s.blocks[0]
	res := brkNone
	step := func(k, v ast.Value) bool {
		if e.tick() {
			res = brkReturn
			return true
		}
		locals[s.b.local], locals[s.target] = k, v
		r := e.block(locals, body)
		switch {
		case r >= brkReturn:
			res = r
			return true
		case r == brkNone || r == 0:
			return false
		case r == 1:
			return true
		default:
			res = r - 2
			return true
		}
	}
	switch src := locals[s.a.local].(type) {
	case *ast.Array:
		for i := 0; i < src.Len(); i++ {
			if step(ast.InternedValue(i), src.Elem(i).Value) {
				break
			}
		}
	case ast.Object:
		src.Until(func(k, v *ast.Term) bool { return step(k.Value, v.Value) })
	case ast.Set:
		src.Until(func(x *ast.Term) bool { return step(x.Value, x.Value) })
	}
	return res
}

func dot(src, key ast.Value) ast.Value {
	switch s := src.(type) {
	case ast.Object:
		if t := s.Get(ast.NewTerm(key)); t != nil {
			return t.Value
		}
	case *ast.Array:
		if n, ok := key.(ast.Number); ok {
			if i, ok := n.Int(); ok && i >= 0 && i < s.Len() {
				return s.Elem(i).Value
			}
		}
	case ast.Set:
		if t := ast.NewTerm(key); s.Contains(t) {
			return key
		}
	}
	return nil
}

func length(v ast.Value) (int, bool) {
	switch x := v.(type) {
	case *ast.Array:
		return x.Len(), true
	case ast.Object:
		return x.Len(), true
	case ast.Set:
		return x.Len(), true
	case ast.String:
		return len([]rune(string(x))), true
	}
	return 0, false
}

// call runs a planned function, from the memo when it was called with the same arguments.
func (e *vmEval) call(locals []ast.Value, s *instr) ast.Value {
	fn := s.fn
	if fn.rule {
		return e.rule(fn)
	}
	args := make([]ast.Value, len(s.args))
	for i, a := range s.args {
		if args[i] = e.get(locals, a); args[i] == nil {
			return nil
		}
	}
	if fn.shared {
		if key, ok := scalarKey(args[2:]); ok {
			return e.sharedCall(fn, key, args)
		}
	}
	h := hashSeed
	for _, a := range args[2:] {
		h = mixHash(h, a.Hash())
	}
	k := memoKey{fn: fn.id, h: h}
	for _, m := range e.memo[k] {
		if sameArgs(m.args, args[2:]) {
			return defined(m.val)
		}
	}
	v := e.run(fn, args)
	if e.err == nil {
		e.memo[k] = append(e.memo[k], memoEntry{args: args[2:], val: orUndefined(v)})
	}
	return v
}

// rule evaluates a rule (a function of input and data only) once per evaluation.
func (e *vmEval) rule(fn *vmFunc) ast.Value {
	if v := e.ruleValues[fn.id]; v != nil {
		return defined(v)
	}
	var v ast.Value
	if fn.shared {
		v = e.sharedCall(fn, "", nil)
	} else {
		v = e.run(fn, []ast.Value{e.input, e.data})
	}
	if e.err == nil {
		e.ruleValues[fn.id] = orUndefined(v)
	}
	return v
}

func (e *vmEval) sharedCall(fn *vmFunc, key string, args []ast.Value) ast.Value {
	k := vmSharedKey{fn: fn, args: key}
	e.shared.mu.RLock()
	v, ok := e.shared.values[k]
	e.shared.mu.RUnlock()
	if ok {
		return defined(v)
	}
	if args == nil {
		args = []ast.Value{e.input, e.data}
	}
	v = e.run(fn, args)
	if e.err == nil {
		e.shared.mu.Lock()
		e.shared.values[k] = orUndefined(v)
		e.shared.mu.Unlock()
	}
	return v
}

func defined(v ast.Value) ast.Value {
	if v == undefinedValue {
		return nil
	}
	return v
}

func orUndefined(v ast.Value) ast.Value {
	if v == nil {
		return undefinedValue
	}
	return v
}

func sameArgs(a, b []ast.Value) bool {
	for i := range a {
		if a[i] != b[i] && ast.Compare(a[i], b[i]) != 0 {
			return false
		}
	}
	return true
}

// scalarKey is the text of scalar arguments; ok is false when one is a collection.
func scalarKey(args []ast.Value) (string, bool) {
	var b strings.Builder
	for _, a := range args {
		switch a.(type) {
		case ast.String, ast.Number, ast.Boolean, ast.Null:
		default:
			return "", false
		}
		b.WriteString(a.String())
		b.WriteByte(0)
	}
	return b.String(), true
}

// tick counts a step (a call or a loop iteration) and reports whether the evaluation must stop
// because its context is done.
func (e *vmEval) tick() bool {
	e.steps++
	if e.steps&1023 == 0 && e.err == nil {
		e.err = e.ctx.Err()
	}
	return e.err != nil
}

// run executes a function's blocks with the given arguments.
func (e *vmEval) run(fn *vmFunc, args []ast.Value) ast.Value {
	if e.tick() {
		return nil
	}
	base := len(e.stack)
	for range fn.locals {
		e.stack = append(e.stack, nil)
	}
	locals := e.stack[base : base+fn.locals : base+fn.locals]
	for i, p := range fn.params {
		locals[p] = args[i]
	}
	// The blocks of a function run in turn; a break out of one of them (other than leaving just
	// that block) or a return ends the function.
	for _, b := range fn.blocks {
		if r := e.block(locals, b); r > 0 {
			break
		}
	}
	v := locals[fn.ret]
	clear(locals)
	e.stack = e.stack[:base]
	if e.err != nil {
		return nil
	}
	return v
}

// builtin calls one of OPA's builtins; ok is false when it is undefined. An error makes the call
// undefined, as in topdown's default (non-strict) mode.
func (e *vmEval) builtin(locals []ast.Value, s *instr) (ast.Value, bool) {
	terms := make([]*ast.Term, len(s.args))
	for i, a := range s.args {
		v := e.get(locals, a)
		if v == nil {
			return nil, false
		}
		terms[i] = ast.NewTerm(v)
	}
	var out ast.Value
	err := s.bi(e.bctx, terms, func(t *ast.Term) error {
		out = t.Value
		return nil
	})
	if err != nil {
		if ctxErr := e.ctx.Err(); ctxErr != nil {
			e.err = ctxErr
		}
		return nil, false
	}
	return out, s.void || out != nil
}
