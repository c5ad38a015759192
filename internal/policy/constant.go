package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// constantRules returns the paths (as ref strings) of the rules whose value does not depend on
// input: they read only data (control inputs, the index) and other constant rules. Within one
// scan their value is the same for every object, so the engine computes each once per scan
// instead of once per object. Rules that use `with` are never constant.
func constantRules(c *ast.Compiler) map[string]bool {
	type node struct {
		path string
		ref  ast.Ref
		deps []ast.Ref
		dep  bool // depends on input
	}
	var nodes []*node
	byPath := map[string][]*node{}
	for _, mod := range c.Modules {
		for _, r := range mod.Rules {
			for rule := r; rule != nil; rule = rule.Else {
				path := rule.Ref().GroundPrefix()
				n := &node{path: path.String(), ref: path}
				ast.WalkExprs(rule, func(e *ast.Expr) bool {
					if len(e.With) > 0 {
						n.dep = true
					}
					return false
				})
				ast.WalkRefs(rule, func(ref ast.Ref) bool {
					if ref[0].Equal(ast.InputRootDocument) {
						n.dep = true
						return false
					}
					if ref[0].Equal(ast.DefaultRootDocument) {
						n.deps = append(n.deps, ref.GroundPrefix())
					}
					return false
				})
				nodes = append(nodes, n)
				byPath[n.path] = append(byPath[n.path], n)
			}
		}
	}
	// A rule depends on input when it refers to a rule that does: one whose path is a prefix of
	// the reference (data.pkg.rule[x]) or that lies under it (object.get(data.pkg, ...)).
	for changed := true; changed; {
		changed = false
		for _, n := range nodes {
			if n.dep {
				continue
			}
			for _, d := range n.deps {
				for _, m := range nodes {
					if m.dep && (m.ref.HasPrefix(d) || d.HasPrefix(m.ref)) {
						n.dep = true
						break
					}
				}
				if n.dep {
					break
				}
			}
			if n.dep {
				changed = true
				// Every definition of the same rule (incremental rules, else chains) shares the
				// document: one dependent definition makes them all dependent.
				for _, m := range byPath[n.path] {
					m.dep = true
				}
			}
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
