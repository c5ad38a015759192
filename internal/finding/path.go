package finding

import (
	"fmt"
	"strconv"
	"strings"
)

// PathElem is one step of a field path: a map key or a list index.
type PathElem struct {
	Key     string
	Index   int
	IsIndex bool
}

// ParsePath parses a field path such as
// spec.template.spec.containers[0].securityContext.privileged or
// metadata.labels["app.kubernetes.io/name"].
func ParsePath(s string) ([]PathElem, error) {
	var out []PathElem
	i := 0
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
			if i == len(s) {
				return nil, fmt.Errorf("path %q ends with a dot", s)
			}
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("path %q: unclosed [", s)
			}
			inner := s[i+1 : i+end]
			if strings.HasPrefix(inner, `"`) || strings.HasPrefix(inner, `'`) {
				// A quoted key may itself hold "]": find the closing quote first.
				q := inner[0]
				closeQ := strings.IndexByte(s[i+2:], q)
				if closeQ < 0 {
					return nil, fmt.Errorf("path %q: unclosed quote", s)
				}
				key := s[i+2 : i+2+closeQ]
				rest := i + 2 + closeQ + 1
				if rest >= len(s) || s[rest] != ']' {
					return nil, fmt.Errorf("path %q: expected ] after quoted key", s)
				}
				out = append(out, PathElem{Key: key})
				i = rest + 1
				continue
			}
			n, err := strconv.Atoi(inner)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("path %q: bad index %q", s, inner)
			}
			out = append(out, PathElem{Index: n, IsIndex: true})
			i += end + 1
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			out = append(out, PathElem{Key: s[i:j]})
			i = j
		}
	}
	return out, nil
}

// FormatPath renders path elements back to the dotted form, quoting keys that need it.
func FormatPath(elems []PathElem) string {
	var b strings.Builder
	for i, e := range elems {
		if e.IsIndex {
			b.WriteString("[" + strconv.Itoa(e.Index) + "]")
			continue
		}
		if strings.ContainsAny(e.Key, ".[]/\"' ") || e.Key == "" {
			b.WriteString("[" + strconv.Quote(e.Key) + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.Key)
	}
	return b.String()
}
