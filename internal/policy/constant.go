package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// constantRules returns the paths (as ref strings) of the rules whose value does not depend on
// input: they read only data (control inputs, the index) and other constant rules. Within one
// scan their value is the same for every object, so the engine computes each once per scan
// instead of once per object. Rules that use `with` are never constant.
//
// A rule depends on input when it refers to input, or to a rule that does: one whose path is a
// prefix of the reference (data.pkg.rule[x]) or lies under it (object.get(data.pkg, ...)).
func constantRules(c *ast.Compiler) map[string]bool {
	type node struct {
		path string
		deps []ast.Ref
		dep  bool
		// users are the rules that refer to this one.
		users []*node
	}
	root := &refTrie{}
	var nodes []*node
	byPath := map[string][]*node{}
	for _, mod := range c.Modules {
		for _, r := range mod.Rules {
			for rule := r; rule != nil; rule = rule.Else {
				ref := rule.Ref().GroundPrefix()
				n := &node{path: ref.String()}
				ast.WalkExprs(rule, func(e *ast.Expr) bool {
					if len(e.With) > 0 {
						n.dep = true
					}
					return false
				})
				ast.WalkRefs(rule, func(r ast.Ref) bool {
					switch {
					case r[0].Equal(ast.InputRootDocument):
						n.dep = true
					case r[0].Equal(ast.DefaultRootDocument):
						n.deps = append(n.deps, r.GroundPrefix())
					}
					return false
				})
				nodes = append(nodes, n)
				byPath[n.path] = append(byPath[n.path], n)
				root.insert(ref, n)
			}
		}
	}
	// Reverse edges: from each rule to the rules that refer to it.
	for _, n := range nodes {
		for _, d := range n.deps {
			root.related(d, func(v any) {
				m := v.(*node)
				m.users = append(m.users, n)
			})
		}
	}
	// Spread dependence on input from the rules that read it to every rule that refers to them,
	// and across every definition of the same rule (incremental rules, else chains).
	var queue []*node
	for _, n := range nodes {
		if n.dep {
			queue = append(queue, n)
		}
	}
	mark := func(m *node) {
		if !m.dep {
			m.dep = true
			queue = append(queue, m)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range byPath[n.path] {
			mark(m)
		}
		for _, u := range n.users {
			mark(u)
		}
	}
	out := map[string]bool{}
	for path, defs := range byPath {
		constant := true
		for _, n := range defs {
			constant = constant && !n.dep
		}
		if constant {
			out[path] = true
		}
	}
	return out
}

// refTrie indexes values by ground reference (data.a.b.c).
type refTrie struct {
	children map[string]*refTrie
	values   []any
}

func termKey(t *ast.Term) string {
	if s, ok := t.Value.(ast.String); ok {
		return string(s)
	}
	return t.String()
}

func (t *refTrie) insert(ref ast.Ref, v any) {
	n := t
	for _, term := range ref {
		if n.children == nil {
			n.children = map[string]*refTrie{}
		}
		k := termKey(term)
		c := n.children[k]
		if c == nil {
			c = &refTrie{}
			n.children[k] = c
		}
		n = c
	}
	n.values = append(n.values, v)
}

// related calls fn for every value whose reference is a prefix of ref or lies under it.
func (t *refTrie) related(ref ast.Ref, fn func(any)) {
	n := t
	for _, term := range ref {
		for _, v := range n.values {
			fn(v)
		}
		if n = n.children[termKey(term)]; n == nil {
			return
		}
	}
	n.walk(fn)
}

func (t *refTrie) walk(fn func(any)) {
	for _, v := range t.values {
		fn(v)
	}
	for _, c := range t.children {
		c.walk(fn)
	}
}
