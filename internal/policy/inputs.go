package policy

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ControlsConfigKind and ControlsConfigAPIVersion identify the versioned controls configuration:
//
//	apiVersion: kubescape.io/v1
//	kind: ControlsConfig
//	inputs:
//	  insecureCapabilities: [SYS_ADMIN, NET_ADMIN]
//	  imageRepositoryAllowList: [registry.example.com/]
const (
	ControlsConfigAPIVersion = "kubescape.io/v1"
	ControlsConfigKind       = "ControlsConfig"
)

// ParseControlsConfig reads control inputs from a user's file and returns the library's defaults
// with the file's values in their place. Two forms are accepted: the reference tool's flat JSON
// object ({"name": ["value", ...]}, optionally wrapped in {"settings": {"postureControlInputs":
// ...}}) and the versioned YAML form above. Every problem is reported at once, with its line; an
// input the library does not know is an error (a typo must not silently change nothing).
func ParseControlsConfig(name string, data []byte, defaults map[string][]string) (map[string][]string, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: want a mapping of control inputs (or a %s %s)", name, ControlsConfigAPIVersion, ControlsConfigKind)
	}
	top := root.Content[0]
	var problems ProblemList
	report := func(n *yaml.Node, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, args...)))
	}
	inputs := top
	if v := child(top, "apiVersion"); v != nil {
		kind := child(top, "kind")
		if v.Value != ControlsConfigAPIVersion || kind == nil || kind.Value != ControlsConfigKind {
			report(v, "want apiVersion %s and kind %s", ControlsConfigAPIVersion, ControlsConfigKind)
		}
		inputs = nil
		for i := 0; i+1 < len(top.Content); i += 2 {
			switch k := top.Content[i]; k.Value {
			case "apiVersion", "kind":
			case "inputs":
				inputs = top.Content[i+1]
			default:
				report(k, "unknown field %q (want apiVersion, kind, inputs)", k.Value)
			}
		}
		if inputs == nil {
			inputs = &yaml.Node{Kind: yaml.MappingNode}
		}
	} else if s := child(top, "settings"); s != nil {
		if p := child(s, "postureControlInputs"); p != nil {
			inputs = p
		}
	}
	if inputs.Kind != yaml.MappingNode {
		report(inputs, "inputs must be a mapping of input name to a list of values")
		return nil, problems
	}
	out := make(map[string][]string, len(defaults))
	for k, v := range defaults {
		out[k] = v
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(inputs.Content); i += 2 {
		k, v := inputs.Content[i], inputs.Content[i+1]
		if _, ok := defaults[k.Value]; !ok {
			report(k, "unknown control input %q (known: %s)", k.Value, strings.Join(sortedKeys(defaults), ", "))
			continue
		}
		if seen[k.Value] {
			report(k, "control input %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		values, err := stringList(v)
		if err != nil {
			report(v, "%s: %v", k.Value, err)
			continue
		}
		out[k.Value] = values
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return out, nil
}

func child(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// stringList reads a list of scalars as strings (numbers and booleans as written), or a single
// scalar as a one-element list.
func stringList(n *yaml.Node) ([]string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return []string{}, nil
		}
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.ShortTag() == "!!null" {
				return nil, fmt.Errorf("want a list of strings, line %d holds something else", c.Line)
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list of strings")
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
