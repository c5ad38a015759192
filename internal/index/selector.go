package index

import "github.com/kubescape-ng/kubescape/internal/resource"

// selector is a parsed Kubernetes label selector (matchLabels + matchExpressions).
type selector struct {
	labels map[string]string
	exprs  []expr
	// invalid selectors select nothing (the API server would reject them).
	invalid bool
}

type expr struct {
	key    string
	op     string
	values map[string]bool
}

// parseLabelSelector reads a LabelSelector ({matchLabels, matchExpressions}). A nil or empty
// selector selects everything, as for NetworkPolicy podSelector.
func parseLabelSelector(v any) selector {
	m, _ := v.(map[string]any)
	s := selector{labels: resource.StringMap(m, "matchLabels")}
	for _, e := range resource.Slice(m, "matchExpressions") {
		em, ok := e.(map[string]any)
		if !ok {
			s.invalid = true
			continue
		}
		x := expr{key: resource.String(em, "key"), op: resource.String(em, "operator"), values: map[string]bool{}}
		for _, val := range resource.Slice(em, "values") {
			if str, ok := val.(string); ok {
				x.values[str] = true
			}
		}
		switch x.op {
		case "In", "NotIn", "Exists", "DoesNotExist":
		default:
			s.invalid = true
		}
		s.exprs = append(s.exprs, x)
	}
	return s
}

// parseMapSelector reads a Service-style selector (a plain map). Empty selects nothing here:
// a Service without selector has manually managed endpoints.
func parseMapSelector(v any) selector {
	s := selector{labels: resource.StringMap(v)}
	if len(s.labels) == 0 {
		s.invalid = true
	}
	return s
}

func (s selector) matches(labels map[string]string) bool {
	if s.invalid {
		return false
	}
	for k, v := range s.labels {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	for _, e := range s.exprs {
		got, ok := labels[e.key]
		switch e.op {
		case "In":
			if !ok || !e.values[got] {
				return false
			}
		case "NotIn":
			if ok && e.values[got] {
				return false
			}
		case "Exists":
			if !ok {
				return false
			}
		case "DoesNotExist":
			if ok {
				return false
			}
		}
	}
	return true
}

// anchor returns one key=value pair every matching label set must have, to index selectors by;
// ok is false when the selector has no such pair (it must be tried against everything).
func (s selector) anchor() (string, bool) {
	for k, v := range s.labels {
		return k + "=" + v, true
	}
	return "", false
}

// candidates narrows the selectors to try on a label set: those anchored on one of its pairs,
// plus those that have no anchor.
type candidates[T any] struct {
	byPair  map[string][]T
	unkeyed []T
}

func newCandidates[T any]() *candidates[T] { return &candidates[T]{byPair: map[string][]T{}} }

func (c *candidates[T]) add(s selector, v T) {
	if a, ok := s.anchor(); ok {
		c.byPair[a] = append(c.byPair[a], v)
		return
	}
	c.unkeyed = append(c.unkeyed, v)
}

func (c *candidates[T]) forLabels(labels map[string]string, fn func(T)) {
	for k, v := range labels {
		for _, x := range c.byPair[k+"="+v] {
			fn(x)
		}
	}
	for _, x := range c.unkeyed {
		fn(x)
	}
}
