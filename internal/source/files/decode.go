package files

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 200

// maxAliasExpansion bounds the number of nodes an aliased document may expand to ("billion
// laughs"); real manifests stay far below it.
const maxAliasExpansion = 1_000_000

// SyntaxError is a YAML or JSON error located in a file.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// parseDocument parses one document's text into a node tree. Lines in the returned nodes and
// errors are relative to the document (1-based).
func parseDocument(data []byte) (*yaml.Node, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, syntaxError(err)
	}
	return &n, nil
}

// syntaxError turns a yaml.v3 error ("yaml: line 3: mapping values are not allowed ...") into a
// SyntaxError carrying the line as a number.
func syntaxError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return &SyntaxError{Line: line, Msg: msg}
}

// decoder converts yaml.v3 nodes to plain Go values (map[string]any, []any, string, bool, int64,
// float64, nil), the shape OPA and the index read.
type decoder struct {
	expanded int
}

func (d *decoder) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{Line: n.Line, Msg: fmt.Sprintf("document nested deeper than %d levels", maxDepth)}
	}
	d.expanded++
	if d.expanded > maxAliasExpansion {
		return nil, &SyntaxError{Line: n.Line, Msg: "document expands to too many nodes (alias bomb?)"}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return d.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, &SyntaxError{Line: n.Line, Msg: "unknown alias"}
		}
		return d.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		var firstLine map[string]int
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				if err := d.merge(out, v, depth); err != nil {
					return nil, err
				}
				continue
			}
			key, err := d.key(k, depth)
			if err != nil {
				return nil, err
			}
			// kubectl refuses duplicate keys; other tools keep the first or the last value, so a
			// scanner that picked one could judge a manifest other than the one applied. A key
			// that a merge key ("<<") brought in is not a duplicate: the explicit key overrides it.
			if _, dup := firstLine[key]; dup {
				return nil, &SyntaxError{Line: k.Line, Msg: fmt.Sprintf("key %q is defined twice in the same mapping (first on line %d)", key, firstLine[key])}
			}
			if firstLine == nil {
				firstLine = make(map[string]int, len(n.Content)/2)
			}
			firstLine[key] = k.Line
			val, err := d.value(v, depth+1)
			if err != nil {
				return nil, err
			}
			out[key] = val
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(n), nil
	}
	return nil, &SyntaxError{Line: n.Line, Msg: "unsupported YAML node"}
}

// merge applies a "<<" merge key: keys already present win.
func (d *decoder) merge(out map[string]any, v *yaml.Node, depth int) error {
	src := v
	if src.Kind == yaml.AliasNode && src.Alias != nil {
		src = src.Alias
	}
	var maps []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{src}
	case yaml.SequenceNode:
		maps = src.Content
	default:
		return &SyntaxError{Line: v.Line, Msg: "merge key needs a mapping or a list of mappings"}
	}
	for _, m := range maps {
		val, err := d.value(m, depth+1)
		if err != nil {
			return err
		}
		mm, ok := val.(map[string]any)
		if !ok {
			return &SyntaxError{Line: m.Line, Msg: "merge key needs a mapping or a list of mappings"}
		}
		for k, x := range mm {
			if _, exists := out[k]; !exists {
				out[k] = x
			}
		}
	}
	return nil
}

func (d *decoder) key(k *yaml.Node, depth int) (string, error) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode {
		if k.Tag == "!!null" {
			return "null", nil
		}
		return k.Value, nil
	}
	v, err := d.value(k, depth+1)
	if err != nil {
		return "", err
	}
	return fmt.Sprint(v), nil
}

var yaml11Bools = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"n": false, "N": false, "no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

// scalar resolves a scalar by its tag, following YAML 1.2's core schema as yaml.v3 does.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return n.Value
		}
		return b
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if strings.HasPrefix(s, "0o") || strings.HasPrefix(s, "+0o") || strings.HasPrefix(s, "-0o") {
			s = strings.Replace(s, "0o", "0", 1)
		}
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return n.Value
	case "!!str":
		// kubectl reads manifests with YAML 1.1 rules, where plain yes/no/on/off are booleans;
		// "privileged: yes" is a privileged container for the API server, so it must be for us.
		if n.Style == 0 {
			if b, ok := yaml11Bools[n.Value]; ok {
				return b
			}
		}
		return n.Value
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			// JSON (and so OPA) has no infinities: keep the text.
			return n.Value
		}
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 && !strings.ContainsAny(n.Value, ".eE") {
			return int64(f)
		}
		return f
	}
	return n.Value
}
