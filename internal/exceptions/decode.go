package exceptions

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Errors holds every problem of a file, each with its line, so that a user fixes them at once.
type Errors []string

func (e Errors) Error() string { return strings.Join(e, "\n") }

// APIVersion and Kind of our own exceptions file.
const (
	APIVersion = "kubescape.io/v1"
	Kind       = "Exceptions"
)

// Parse reads an exceptions file: the reference tool's JSON array of posture exception
// policies, or a kubescape.io/v1 Exceptions YAML document. name is used in messages.
func Parse(name string, data []byte) ([]*Exception, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	top := root.Content[0]
	switch top.Kind {
	case yaml.SequenceNode:
		return parseReference(name, top)
	case yaml.MappingNode:
		return parseOwn(name, data, top)
	}
	return nil, fmt.Errorf("%s:%d: want a JSON array of posture exception policies or a %s %s document", name, top.Line, APIVersion, Kind)
}

// ---- the reference tool's format

type refPolicy struct {
	Name            string         `yaml:"name"`
	PolicyType      string         `yaml:"policyType"`
	Actions         []string       `yaml:"actions"`
	Reason          string         `yaml:"reason"`
	ExpirationDate  string         `yaml:"expirationDate"`
	Resources       []refResource  `yaml:"resources"`
	PosturePolicies []refPosture   `yaml:"posturePolicies"`
	ObjectSelector  *yamlSelector  `yaml:"objectSelector"`
	Extra           map[string]any `yaml:",inline"`
}

type refResource struct {
	DesignatorType string            `yaml:"designatorType"`
	Attributes     map[string]string `yaml:"attributes"`
}

type refPosture struct {
	FrameworkName string `yaml:"frameworkName"`
	ControlID     string `yaml:"controlID"`
	ControlName   string `yaml:"controlName"`
	RuleName      string `yaml:"ruleName"`
	SeverityScore string `yaml:"severityScore"`
}

type yamlSelector struct {
	MatchLabels      map[string]string `yaml:"matchLabels"`
	MatchExpressions []struct {
		Key      string   `yaml:"key"`
		Operator string   `yaml:"operator"`
		Values   []string `yaml:"values"`
	} `yaml:"matchExpressions"`
}

func (s *yamlSelector) compile(where string, errs *Errors) *Selector {
	if s == nil {
		return nil
	}
	out := &Selector{MatchLabels: s.MatchLabels}
	for _, e := range s.MatchExpressions {
		switch e.Operator {
		case "In", "NotIn":
			if len(e.Values) == 0 {
				*errs = append(*errs, fmt.Sprintf("%s: matchExpressions %q with %s needs values", where, e.Key, e.Operator))
			}
		case "Exists", "DoesNotExist":
		default:
			*errs = append(*errs, fmt.Sprintf("%s: matchExpressions operator %q (want In, NotIn, Exists or DoesNotExist)", where, e.Operator))
		}
		out.MatchExpressions = append(out.MatchExpressions, Requirement{Key: e.Key, Operator: e.Operator, Values: e.Values})
	}
	return out
}

// knownAttributes are the designator attributes the reference recognises; others match labels
// or annotations.
var knownAttributes = map[string]bool{"cluster": true, "namespace": true, "kind": true, "name": true, "resourceID": true, "path": true, "containerName": true}

func parseReference(name string, seq *yaml.Node) ([]*Exception, error) {
	var out []*Exception
	var errs Errors
	for i, item := range seq.Content {
		where := fmt.Sprintf("%s:%d", name, item.Line)
		var p refPolicy
		if err := item.Decode(&p); err != nil {
			errs = append(errs, fmt.Sprintf("%s: policy %d: %s", where, i, strings.TrimPrefix(err.Error(), "yaml: ")))
			continue
		}
		if p.PolicyType != "" && p.PolicyType != "postureExceptionPolicy" {
			continue // other policy types (vulnerabilities) do not apply to posture
		}
		e := &Exception{Name: p.Name, Reason: p.Reason, Source: where}
		if e.Name == "" {
			e.Name = fmt.Sprintf("%s[%d]", name, i)
		}
		if p.ExpirationDate != "" {
			t, err := ParseTime(p.ExpirationDate)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s: expirationDate %q: want RFC 3339 or YYYY-MM-DD", where, p.ExpirationDate))
			} else {
				e.Expires = &t
			}
		}
		sel := p.ObjectSelector.compile(where, &errs)
		for _, r := range p.Resources {
			if r.DesignatorType != "" && !strings.EqualFold(r.DesignatorType, "Attributes") {
				errs = append(errs, fmt.Sprintf("%s: designatorType %q is not supported (only Attributes)", where, r.DesignatorType))
				continue
			}
			d := Designator{Selector: sel}
			recognised := false
			keys := make([]string, 0, len(r.Attributes))
			for k := range r.Attributes {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				re, err := pattern(r.Attributes[k])
				if err != nil {
					errs = append(errs, fmt.Sprintf("%s: attribute %s: %v", where, k, err))
					continue
				}
				if knownAttributes[k] {
					recognised = true
				}
				switch k {
				case "cluster":
					d.Cluster = re
				case "namespace":
					d.Namespace = re
				case "kind":
					d.Kind = re
				case "name":
					d.Name = re
				case "resourceID":
					d.ResourceID = re
				case "path":
					d.Path = re
				case "containerName":
					d.ContainerName = re
				default:
					if d.Meta == nil {
						d.Meta = map[string]*regexp.Regexp{}
					}
					d.Meta[k] = re
					recognised = true // a label or annotation is a real constraint
				}
			}
			if !recognised {
				continue // the reference: a designator with no recognised keys matches nothing
			}
			e.Resources = append(e.Resources, d)
		}
		if len(p.Resources) == 0 && sel != nil {
			e.Resources = append(e.Resources, Designator{Selector: sel})
		}
		for _, pp := range p.PosturePolicies {
			pol, perr := posture(pp.ControlID, pp.FrameworkName, pp.SeverityScore)
			if perr != nil {
				errs = append(errs, fmt.Sprintf("%s: posturePolicies: %v", where, perr))
				continue
			}
			if pp.ControlID == "" && pp.FrameworkName == "" && pp.SeverityScore == "" && (pp.ControlName != "" || pp.RuleName != "") {
				errs = append(errs, fmt.Sprintf("%s: posturePolicies with only controlName or ruleName are not supported: name the controlID", where))
				continue
			}
			e.Policies = append(e.Policies, pol)
		}
		out = append(out, e)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func posture(controlID, framework, score string) (Policy, error) {
	var p Policy
	var err error
	if controlID != "" {
		if p.ControlID, err = pattern(controlID); err != nil {
			return p, err
		}
	}
	if framework != "" {
		if p.FrameworkName, err = pattern(framework); err != nil {
			return p, err
		}
	}
	if score != "" {
		if p.SeverityScore, err = pattern(score); err != nil {
			return p, err
		}
	}
	return p, nil
}

// ---- our format

type ownFile struct {
	APIVersion string         `yaml:"apiVersion"`
	Kind       string         `yaml:"kind"`
	Exceptions []ownException `yaml:"exceptions"`
}

type ownException struct {
	Name       string        `yaml:"name"`
	Reason     string        `yaml:"reason"`
	Expires    string        `yaml:"expires"`
	Resources  []ownResource `yaml:"resources"`
	Controls   []string      `yaml:"controls"`
	Frameworks []string      `yaml:"frameworks"`
}

type ownResource struct {
	Cluster       string            `yaml:"cluster"`
	Namespace     string            `yaml:"namespace"`
	Kind          string            `yaml:"kind"`
	Name          string            `yaml:"name"`
	ResourceID    string            `yaml:"resourceID"`
	Path          string            `yaml:"path"`
	ContainerName string            `yaml:"containerName"`
	Labels        map[string]string `yaml:"labels"`
	Annotations   map[string]string `yaml:"annotations"`
	Selector      *yamlSelector     `yaml:"selector"`
}

func parseOwn(name string, data []byte, top *yaml.Node) ([]*Exception, error) {
	var f ownFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var errs Errors
	if err := dec.Decode(&f); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, m := range te.Errors {
				errs = append(errs, name+": "+m)
			}
		} else {
			return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
		}
	}
	if f.APIVersion != APIVersion || f.Kind != Kind {
		errs = append(errs, fmt.Sprintf("%s:%d: want apiVersion %s and kind %s, got %q and %q", name, top.Line, APIVersion, Kind, f.APIVersion, f.Kind))
	}
	items := childNode(top, "exceptions")
	var out []*Exception
	seen := map[string]int{}
	for i, x := range f.Exceptions {
		line := top.Line
		if items != nil && i < len(items.Content) {
			line = items.Content[i].Line
		}
		where := fmt.Sprintf("%s:%d", name, line)
		e := &Exception{Name: x.Name, Reason: x.Reason, Source: where}
		if x.Name == "" {
			errs = append(errs, where+": an exception needs a name")
		} else if prev, dup := seen[x.Name]; dup {
			errs = append(errs, fmt.Sprintf("%s: exception %q is defined twice (first on line %d)", where, x.Name, prev))
		}
		seen[x.Name] = line
		if strings.TrimSpace(x.Reason) == "" {
			errs = append(errs, where+": exception "+quote(x.Name)+" needs a reason: an accepted risk says why")
		}
		if x.Expires != "" {
			t, err := ParseTime(x.Expires)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s: expires %q: want YYYY-MM-DD or RFC 3339", where, x.Expires))
			} else {
				e.Expires = &t
			}
		}
		if len(x.Resources) == 0 {
			errs = append(errs, where+": exception "+quote(x.Name)+" needs at least one entry under resources (use `- name: \".*\"` to mean every resource)")
		}
		for _, r := range x.Resources {
			d := Designator{Selector: r.Selector.compile(where, &errs)}
			set := func(dst **regexp.Regexp, v, field string) {
				if v == "" {
					return
				}
				re, err := pattern(v)
				if err != nil {
					errs = append(errs, fmt.Sprintf("%s: resources.%s: %v", where, field, err))
					return
				}
				*dst = re
			}
			set(&d.Cluster, r.Cluster, "cluster")
			set(&d.Namespace, r.Namespace, "namespace")
			set(&d.Kind, r.Kind, "kind")
			set(&d.Name, r.Name, "name")
			set(&d.ResourceID, r.ResourceID, "resourceID")
			set(&d.Path, r.Path, "path")
			set(&d.ContainerName, r.ContainerName, "containerName")
			d.Labels = compileMap(where, "labels", r.Labels, &errs)
			d.Annotations = compileMap(where, "annotations", r.Annotations, &errs)
			if d.Cluster == nil && d.Namespace == nil && d.Kind == nil && d.Name == nil && d.ResourceID == nil &&
				d.Path == nil && d.ContainerName == nil && len(d.Labels) == 0 && len(d.Annotations) == 0 && d.Selector == nil {
				errs = append(errs, where+": a resources entry must name at least one field")
				continue
			}
			e.Resources = append(e.Resources, d)
		}
		controls, frameworks := x.Controls, x.Frameworks
		switch {
		case len(controls) == 0 && len(frameworks) == 0:
		case len(controls) == 0:
			for _, fw := range frameworks {
				p, err := posture("", fw, "")
				if err != nil {
					errs = append(errs, fmt.Sprintf("%s: frameworks: %v", where, err))
				}
				e.Policies = append(e.Policies, p)
			}
		default:
			if len(frameworks) == 0 {
				frameworks = []string{""}
			}
			for _, c := range controls {
				for _, fw := range frameworks {
					p, err := posture(c, fw, "")
					if err != nil {
						errs = append(errs, fmt.Sprintf("%s: controls: %v", where, err))
					}
					e.Policies = append(e.Policies, p)
				}
			}
		}
		out = append(out, e)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func compileMap(where, field string, m map[string]string, errs *Errors) map[string]*regexp.Regexp {
	if len(m) == 0 {
		return nil
	}
	out := map[string]*regexp.Regexp{}
	for k, v := range m {
		re, err := pattern(v)
		if err != nil {
			*errs = append(*errs, fmt.Sprintf("%s: %s[%s]: %v", where, field, k, err))
			continue
		}
		out[k] = re
	}
	return out
}

func childNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
