package policy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbiddenBuiltins are left out of the capabilities rules compile against: a scan never makes a
// network call and never reads the environment, whatever a (custom) rule asks for.
var forbiddenBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
}

// Capabilities returns the OPA capabilities rules are compiled with: this OPA's builtins minus
// the ones that reach outside the process.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbiddenBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// Compiled is a library whose Rego has been parsed and compiled once.
type Compiled struct {
	Library  *Library
	Compiler *ast.Compiler
	// Constant holds the paths of rules (and functions) whose value does not depend on input.
	Constant map[string]bool
	// Capabilities are the builtins rules may use (Capabilities()), computed once.
	Capabilities *ast.Capabilities
}

// Compile parses every module of the library (tests included when withTests is set), checks that
// each control's rule.rego declares its own package with a "deny" rule, and compiles it all.
func Compile(l *Library, withTests bool) (*Compiled, error) {
	modules := map[string]*ast.Module{}
	var problems ProblemList
	caps := Capabilities()
	popts := ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps}
	pkgOwner := map[string]string{}
	for _, m := range l.Modules {
		if m.Test && !withTests {
			continue
		}
		mod, err := ast.ParseModuleWithOpts(m.Path, m.Text, popts)
		if err != nil {
			problems = append(problems, located(err)...)
			continue
		}
		modules[m.Path] = mod
		if !m.Test && strings.HasSuffix(m.Path, "/rule.rego") {
			pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.")
			if owner, dup := pkgOwner[pkg]; dup {
				problems = append(problems, fmt.Sprintf("%s: package %s is already used by %s", m.Path, pkg, owner))
			}
			pkgOwner[pkg] = m.Path
			if !hasRule(mod, "deny") {
				problems = append(problems, fmt.Sprintf("%s: no deny rule (rules yield findings with `deny contains finding if { ... }`)", m.Path))
			}
		}
	}
	for _, c := range l.Controls {
		p := c.Dir + "/rule.rego"
		if mod, ok := modules[p]; ok {
			c.Package = strings.TrimPrefix(mod.Package.Path.String(), "data.")
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	comp := ast.NewCompiler().
		WithCapabilities(caps).
		WithDefaultRegoVersion(ast.RegoV1)
	comp.Compile(modules)
	if comp.Failed() {
		problems = append(problems, located(comp.Errors)...)
		return nil, problems
	}
	return &Compiled{Library: l, Compiler: comp, Constant: constantRules(comp), Capabilities: caps}, nil
}

// located renders Rego errors as file:row:column: message, the form editors jump to.
func located(err error) []string {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return []string{err.Error()}
	}
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		if e.Location == nil {
			out = append(out, fmt.Sprintf("%s: %s", e.Code, e.Message))
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", e.Location.File, e.Location.Row, e.Location.Col, e.Code, e.Message))
	}
	return out
}

func hasRule(mod *ast.Module, name string) bool {
	for _, r := range mod.Rules {
		if r.Head.Name.String() == name || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == name) {
			return true
		}
	}
	return false
}
