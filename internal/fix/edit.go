// Package fix applies the fixes a report proposes to the YAML files it was read from. It edits
// text, not a re-serialised tree: only the bytes of the fields concerned change, so comments,
// key order, indentation, quoting, flow or block style, other documents and CRLF line endings
// stay as the author wrote them. Every edit is checked by decoding the result: the document
// must decode to the original object with exactly the fixed field changed, or the edit is
// dropped and reported.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// Edit sets the field at Path to Value.
type Edit struct {
	Path  string
	Value string
}

// ErrRefused wraps the reasons an edit is not made: the editor never guesses.
var ErrRefused = errors.New("not edited")

func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, args...))
}

// editDocument applies one edit to the text of one YAML document (as files.Split cuts it).
// item >= 0 selects an item of a List document. It returns the new text; the caller checks
// the result decodes as expected.
func editDocument(doc []byte, item int, e Edit) ([]byte, error) {
	elems, err := finding.ParsePath(e.Path)
	if err != nil {
		return nil, refuse("bad path: %v", err)
	}
	if len(elems) == 0 {
		return nil, refuse("empty path")
	}
	if item >= 0 {
		elems = append([]finding.PathElem{{Key: "items"}, {Index: item, IsIndex: true}}, elems...)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(doc, &root); err != nil {
		return nil, refuse("document does not parse: %v", err)
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, refuse("empty document")
	}
	ed := &editor{text: doc, crlf: bytes.Contains(doc, []byte("\r\n"))}
	ed.lineStarts()
	ed.detectStyle(root.Content[0])
	scalar := renderScalar(e.Value)

	n := root.Content[0]
	var key *yaml.Node // the key whose value n is, when n is a mapping value
	inFlow := false
	for i, el := range elems {
		if n.Kind == yaml.AliasNode {
			return nil, refuse("%s goes through a YAML alias (*%s): the anchored content is shared", e.Path, n.Value)
		}
		if n.Anchor != "" && i > 0 {
			return nil, refuse("%s is inside anchored content (&%s) that aliases may share", e.Path, n.Anchor)
		}
		if n.Style&yaml.FlowStyle != 0 {
			inFlow = true
		}
		rest := elems[i:]
		switch {
		case n.Kind == yaml.MappingNode && !el.IsIndex:
			v, k := lookup(n, el.Key)
			if v == nil {
				if hasMerge(n) {
					return nil, refuse("%s: the mapping takes keys from a merge key (<<); an override here could drop merged fields", e.Path)
				}
				return ed.insertIntoMapping(n, rest, scalar)
			}
			n, key = v, k
		case n.Kind == yaml.SequenceNode && el.IsIndex:
			switch {
			case el.Index < len(n.Content):
				n, key = n.Content[el.Index], nil
			case el.Index == len(n.Content):
				return ed.appendToSequence(n, rest, scalar)
			default:
				return nil, refuse("%s: index %d is beyond the end of a list of %d", e.Path, el.Index, len(n.Content))
			}
		case n.Kind == yaml.ScalarNode && n.Tag == "!!null" && key != nil:
			return ed.fillNull(key, n, rest, scalar)
		default:
			return nil, refuse("%s: %s is a %s, not a %s", e.Path, finding.FormatPath(elems[:i]), kindName(n), wantName(el))
		}
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return nil, refuse("%s is anchored or an alias: other places share its value", e.Path)
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && key != nil {
		return ed.fillEmptyValue(key, scalar)
	}
	if n.Kind != yaml.ScalarNode {
		return nil, refuse("%s is a %s; the fix sets a single value", e.Path, kindName(n))
	}
	return ed.replaceScalar(n, scalar, inFlow)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

func wantName(el finding.PathElem) string {
	if el.IsIndex {
		return "list"
	}
	return "mapping"
}

func lookup(m *yaml.Node, key string) (val, k *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == key {
			return m.Content[i+1], m.Content[i]
		}
	}
	return nil, nil
}

func hasMerge(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Tag == "!!merge" || m.Content[i].Value == "<<" {
			return true
		}
	}
	return false
}

// editor holds one document's text and the layout conventions found in it.
type editor struct {
	text   []byte
	starts []int // byte offset of each line
	crlf   bool
	step   int // indentation of a nested block mapping
	seqIn  int // indentation of a block list's dash under its key (0 or step)
}

func (ed *editor) lineStarts() {
	ed.starts = []int{0}
	for i, b := range ed.text {
		if b == '\n' {
			ed.starts = append(ed.starts, i+1)
		}
	}
}

func (ed *editor) nl() string {
	if ed.crlf {
		return "\r\n"
	}
	return "\n"
}

// offset turns a node's 1-based line and (character) column into a byte offset.
func (ed *editor) offset(line, col int) int {
	if line < 1 || line > len(ed.starts) {
		return len(ed.text)
	}
	off := ed.starts[line-1]
	for c := 1; c < col && off < len(ed.text); c++ {
		_, size := utf8.DecodeRune(ed.text[off:])
		off += size
	}
	return off
}

// lineEnd is the offset of the line break that ends the line holding off (or the text's end).
func (ed *editor) lineEnd(off int) int {
	i := bytes.IndexByte(ed.text[off:], '\n')
	if i < 0 {
		return len(ed.text)
	}
	end := off + i
	if end > 0 && ed.text[end-1] == '\r' {
		end--
	}
	return end
}

// nextLineStart is the offset of the line after the one holding off; with ok false the text
// ends on that line without a line break.
func (ed *editor) nextLineStart(off int) (int, bool) {
	i := bytes.IndexByte(ed.text[off:], '\n')
	if i < 0 {
		return len(ed.text), false
	}
	return off + i + 1, true
}

// indentOf is the number of spaces before the first character of the line holding off.
func (ed *editor) indentOf(off int) int {
	start := off
	for start > 0 && ed.text[start-1] != '\n' {
		start--
	}
	n := 0
	for start+n < len(ed.text) && ed.text[start+n] == ' ' {
		n++
	}
	return n
}

// detectStyle finds the indentation step and list indentation the author uses.
func (ed *editor) detectStyle(top *yaml.Node) {
	ed.step, ed.seqIn = 0, -1
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if depth > 64 || (ed.step > 0 && ed.seqIn >= 0) {
			return
		}
		if n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0 {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Style&yaml.FlowStyle == 0 && v.Line > k.Line {
					switch v.Kind {
					case yaml.MappingNode:
						if len(v.Content) > 0 && ed.step == 0 && v.Content[0].Column > k.Column {
							ed.step = v.Content[0].Column - k.Column
						}
					case yaml.SequenceNode:
						if len(v.Content) > 0 && ed.seqIn < 0 {
							dash := ed.dashColumn(v.Content[0])
							if dash >= k.Column {
								ed.seqIn = dash - k.Column
							}
						}
					}
				}
				walk(v, depth+1)
			}
		}
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				walk(c, depth+1)
			}
		}
	}
	walk(top, 0)
	if ed.step <= 0 {
		ed.step = 2
	}
	if ed.seqIn < 0 {
		ed.seqIn = ed.step
	}
}

// dashColumn finds the column of the "-" that opens a block list item (0 if not found).
func (ed *editor) dashColumn(item *yaml.Node) int {
	off := ed.offset(item.Line, item.Column)
	for i := off - 1; i >= 0 && ed.text[i] != '\n'; i-- {
		if ed.text[i] == '-' {
			return item.Column - utf8.RuneCount(ed.text[i:off])
		}
	}
	return 0
}

// scalarSpan returns the byte range of a scalar's text, without its tag, comments or the
// spaces around it. Block scalars and multi-line plain scalars are refused.
func (ed *editor) scalarSpan(n *yaml.Node, inFlow bool) (int, int, error) {
	start := ed.offset(n.Line, n.Column)
	if start < len(ed.text) && ed.text[start] == '!' {
		// a tag: skip it and the spaces after it
		for start < len(ed.text) && ed.text[start] != ' ' && ed.text[start] != '\n' {
			start++
		}
		for start < len(ed.text) && ed.text[start] == ' ' {
			start++
		}
	}
	switch {
	case n.Style&yaml.LiteralStyle != 0 || n.Style&yaml.FoldedStyle != 0:
		return 0, 0, refuse("block scalar (| or >) left as it is")
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := start + 1; i < len(ed.text); i++ {
			switch ed.text[i] {
			case '\\':
				i++
			case '"':
				return start, i + 1, nil
			}
		}
		return 0, 0, refuse("unterminated quoted scalar")
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := start + 1; i < len(ed.text); i++ {
			if ed.text[i] == '\'' {
				if i+1 < len(ed.text) && ed.text[i+1] == '\'' {
					i++
					continue
				}
				return start, i + 1, nil
			}
		}
		return 0, 0, refuse("unterminated quoted scalar")
	}
	end := ed.lineEnd(start)
	if c := bytes.Index(ed.text[start:end], []byte(" #")); c >= 0 {
		end = start + c
	}
	if inFlow {
		for i := start; i < end; i++ {
			if c := ed.text[i]; c == ',' || c == ']' || c == '}' {
				end = i
				break
			}
		}
	}
	for end > start && (ed.text[end-1] == ' ' || ed.text[end-1] == '\t') {
		end--
	}
	if string(ed.text[start:end]) != n.Value {
		return 0, 0, refuse("a plain scalar spread over several lines is left as it is")
	}
	return start, end, nil
}

func (ed *editor) splice(start, end int, s string) []byte {
	out := make([]byte, 0, len(ed.text)+len(s))
	out = append(out, ed.text[:start]...)
	out = append(out, s...)
	return append(out, ed.text[end:]...)
}

// replaceScalar writes a new value over an existing scalar, keeping its quoting style when the
// new value is a string that can keep it.
func (ed *editor) replaceScalar(n *yaml.Node, s scalar, inFlow bool) ([]byte, error) {
	if n.Tag == "!!null" && n.Value == "" {
		return nil, refuse("empty value left as it is")
	}
	start, end, err := ed.scalarSpan(n, inFlow)
	if err != nil {
		return nil, err
	}
	text := s.text
	if s.isString {
		switch {
		case n.Style&yaml.DoubleQuotedStyle != 0:
			text = strconv.Quote(s.value)
		case n.Style&yaml.SingleQuotedStyle != 0:
			text = "'" + strings.ReplaceAll(s.value, "'", "''") + "'"
		}
	}
	if inFlow && strings.ContainsAny(text, ",[]{}") && !s.quoted {
		text = strconv.Quote(s.value)
	}
	return ed.splice(start, end, text), nil
}

// subtreeEnd returns the offset just past the last character of a node's text.
func (ed *editor) subtreeEnd(n *yaml.Node, keyIndent int, inFlow bool) int {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		if n.Style&yaml.FlowStyle != 0 || len(n.Content) == 0 {
			end, ok := ed.flowClose(n)
			if ok {
				return end + 1
			}
			return ed.lineEnd(ed.offset(n.Line, n.Column))
		}
		return ed.subtreeEnd(n.Content[len(n.Content)-1], keyIndent, inFlow)
	case yaml.AliasNode:
		return ed.lineEnd(ed.offset(n.Line, n.Column))
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// A block scalar runs over the following lines that are blank or indented deeper than
		// the key that holds it.
		off, ok := ed.nextLineStart(ed.offset(n.Line, n.Column))
		last := ed.lineEnd(ed.offset(n.Line, n.Column))
		for ok && off < len(ed.text) {
			le := ed.lineEnd(off)
			line := ed.text[off:le]
			if len(bytes.TrimSpace(line)) > 0 {
				if ed.indentOf(off) <= keyIndent {
					break
				}
				last = le
			}
			off, ok = ed.nextLineStart(off)
		}
		return last
	}
	if _, end, err := ed.scalarSpan(n, inFlow); err == nil {
		return end
	}
	return ed.lineEnd(ed.offset(n.Line, n.Column))
}

// flowClose finds the closing bracket of a flow collection.
func (ed *editor) flowClose(n *yaml.Node) (int, bool) {
	start := ed.offset(n.Line, n.Column)
	depth := 0
	for i := start; i < len(ed.text); i++ {
		switch c := ed.text[i]; c {
		case '"':
			for i++; i < len(ed.text) && ed.text[i] != '"'; i++ {
				if ed.text[i] == '\\' {
					i++
				}
			}
		case '\'':
			for i++; i < len(ed.text); i++ {
				if ed.text[i] == '\'' {
					if i+1 < len(ed.text) && ed.text[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (ed.text[i-1] == ' ' || ed.text[i-1] == '\t') {
				i = ed.lineEnd(i)
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// insertIntoMapping adds the missing key rest[0] (and what is below it) to a mapping.
func (ed *editor) insertIntoMapping(m *yaml.Node, rest []finding.PathElem, s scalar) ([]byte, error) {
	if err := checkNew(rest); err != nil {
		return nil, err
	}
	if m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		close, ok := ed.flowClose(m)
		if !ok {
			return nil, refuse("cannot find the end of a flow mapping")
		}
		entry := flowEntry(rest, s)
		if len(m.Content) > 0 {
			// after the last entry, before any spaces and the brace
			last := ed.subtreeEnd(m.Content[len(m.Content)-1], 0, true)
			return ed.splice(last, last, ", "+entry), nil
		}
		return ed.splice(close, close, entry), nil
	}
	first := m.Content[0]
	indent := ed.indentOfColumn(first)
	last := m.Content[len(m.Content)-1]
	end := ed.subtreeEnd(last, indent, false)
	return ed.insertLines(end, ed.blockEntry(rest, s, indent))
}

// fillEmptyValue writes a value after a key that has none ("privileged:").
func (ed *editor) fillEmptyValue(key *yaml.Node, s scalar) ([]byte, error) {
	start := ed.offset(key.Line, key.Column)
	end := ed.lineEnd(start)
	colon := bytes.IndexByte(ed.text[start:end], ':')
	if colon < 0 || key.Style != 0 {
		return nil, refuse("empty value left as it is")
	}
	at := start + colon + 1
	return ed.splice(at, at, " "+s.text), nil
}

// indentOfColumn is the 0-based column of a node.
func (ed *editor) indentOfColumn(n *yaml.Node) int { return n.Column - 1 }

// insertLines inserts whole lines after the line that holds off.
func (ed *editor) insertLines(off int, lines []string) ([]byte, error) {
	text := strings.Join(lines, ed.nl()) + ed.nl()
	at, ok := ed.nextLineStart(off)
	if !ok {
		// the document ends without a line break: add one before the new lines
		return ed.splice(len(ed.text), len(ed.text), ed.nl()+strings.TrimSuffix(text, ed.nl())), nil
	}
	return ed.splice(at, at, text), nil
}

// appendToSequence adds an item at the end of a list.
func (ed *editor) appendToSequence(seq *yaml.Node, rest []finding.PathElem, s scalar) ([]byte, error) {
	if err := checkNew(rest[1:]); err != nil {
		return nil, err
	}
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		close, ok := ed.flowClose(seq)
		if !ok {
			return nil, refuse("cannot find the end of a flow list")
		}
		item := flowValue(rest[1:], s)
		if len(seq.Content) > 0 {
			last := ed.subtreeEnd(seq.Content[len(seq.Content)-1], 0, true)
			return ed.splice(last, last, ", "+item), nil
		}
		return ed.splice(close, close, item), nil
	}
	dash := ed.dashColumn(seq.Content[0]) - 1
	if dash < 0 {
		return nil, refuse("cannot find the list's dashes")
	}
	end := ed.subtreeEnd(seq.Content[len(seq.Content)-1], dash, false)
	return ed.insertLines(end, ed.blockItem(rest[1:], s, dash))
}

// fillNull gives a key with an empty or null value the missing content.
func (ed *editor) fillNull(key, val *yaml.Node, rest []finding.PathElem, s scalar) ([]byte, error) {
	if err := checkNew(rest[1:]); err != nil {
		return nil, err
	}
	if rest[0].IsIndex && rest[0].Index != 0 {
		return nil, refuse("index %d of an empty list", rest[0].Index)
	}
	if val.Value != "" {
		// "key: null" or "key: ~": write the content in flow style in its place
		start, end, err := ed.scalarSpan(val, false)
		if err != nil {
			return nil, err
		}
		return ed.splice(start, end, flowValue(rest, s)), nil
	}
	indent := ed.indentOfColumn(key)
	keyEnd := ed.lineEnd(ed.offset(key.Line, key.Column))
	var lines []string
	if rest[0].IsIndex {
		lines = ed.blockItem(rest[1:], s, indent+ed.seqIn)
	} else {
		lines = ed.blockEntry(rest, s, indent+ed.step)
	}
	return ed.insertLines(keyEnd, lines)
}

// checkNew refuses new structure that needs list items other than the first: a new list has
// no items to come before them.
func checkNew(rest []finding.PathElem) error {
	for _, el := range rest {
		if el.IsIndex && el.Index != 0 {
			return refuse("a new list would need %d items before this one", el.Index)
		}
	}
	return nil
}

// blockEntry renders "key: ..." lines at indent for a path that starts with a key.
func (ed *editor) blockEntry(rest []finding.PathElem, s scalar, indent int) []string {
	pad := strings.Repeat(" ", indent)
	k := renderKey(rest[0].Key)
	if len(rest) == 1 {
		return []string{pad + k + ": " + s.text}
	}
	lines := []string{pad + k + ":"}
	if rest[1].IsIndex {
		return append(lines, ed.blockItem(rest[2:], s, indent+ed.seqIn)...)
	}
	return append(lines, ed.blockEntry(rest[1:], s, indent+ed.step)...)
}

// blockItem renders a "- ..." list item whose dash is at indent.
func (ed *editor) blockItem(rest []finding.PathElem, s scalar, indent int) []string {
	pad := strings.Repeat(" ", indent)
	if len(rest) == 0 {
		return []string{pad + "- " + s.text}
	}
	if rest[0].IsIndex {
		inner := ed.blockItem(rest[1:], s, indent+2)
		inner[0] = pad + "- " + strings.TrimLeft(inner[0], " ")
		return inner
	}
	inner := ed.blockEntry(rest, s, indent+2)
	inner[0] = pad + "- " + strings.TrimLeft(inner[0], " ")
	return inner
}

// flowEntry renders "key: value" in flow style.
func flowEntry(rest []finding.PathElem, s scalar) string {
	return renderKey(rest[0].Key) + ": " + flowValue(rest[1:], s)
}

// flowValue renders the value of a path in flow style: {a: {b: v}}, [v].
func flowValue(rest []finding.PathElem, s scalar) string {
	if len(rest) == 0 {
		if strings.ContainsAny(s.text, ",[]{}") && !s.quoted {
			return strconv.Quote(s.value)
		}
		return s.text
	}
	if rest[0].IsIndex {
		return "[" + flowValue(rest[1:], s) + "]"
	}
	return "{" + flowEntry(rest, s) + "}"
}

// scalar is a fix value rendered as YAML.
type scalar struct {
	value    string // the value as the report gives it
	text     string // its YAML text
	isString bool   // it is a string (not a boolean, number or null)
	quoted   bool   // text is quoted
}

// renderScalar writes a fix value as YAML: plain when YAML reads it back as the same thing
// (true, 1000, RuntimeDefault), double-quoted when plain text would change its meaning or
// type in a way the value did not intend (a string like "yes" or "*").
func renderScalar(v string) scalar {
	s := scalar{value: v}
	switch strings.ToLower(v) {
	case "true", "false":
		s.text = strings.ToLower(v)
		return s
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil && !strings.HasPrefix(v, "+") && (v == "0" || !strings.HasPrefix(strings.TrimPrefix(v, "-"), "0")) {
		s.text = v
		return s
	}
	s.isString = true
	if plainSafe(v) {
		s.text = v
		return s
	}
	s.text, s.quoted = strconv.Quote(v), true
	return s
}

// plainSafe reports whether a string can be written plain and read back as the same string,
// by our decoder (YAML 1.1 booleans included) as by Kubernetes'.
func plainSafe(v string) bool {
	if v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\r\t#\"'`{}[],&*!|>%@") {
		return false
	}
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "?") || strings.HasPrefix(v, ":") || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return false
	}
	switch strings.ToLower(v) {
	case "y", "yes", "n", "no", "on", "off", "null", "~", "true", "false":
		return false
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte("v: "+v), &m); err != nil {
		return false
	}
	str, ok := m["v"].(string)
	return ok && str == v
}

// renderKey writes a mapping key, quoted when plain text would not read back as the same key.
func renderKey(k string) string {
	if plainSafe(k) {
		return k
	}
	return strconv.Quote(k)
}

// decodeDoc decodes one document as the scanner does and returns its object (or List item).
func decodeDoc(doc []byte, item int) (map[string]any, error) {
	objs, problems := files.Decode("doc", doc)
	for _, p := range problems {
		if p.Level == "error" {
			return nil, errors.New(p.Message)
		}
	}
	for _, o := range objs {
		if o.Source.Item == item {
			return o.Object, nil
		}
	}
	return nil, errors.New("the document holds no object")
}

// sameOtherItems checks that the items of a List document other than item are unchanged.
func sameOtherItems(before, after []byte, item int) bool {
	a, _ := files.Decode("doc", before)
	b, _ := files.Decode("doc", after)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Source.Item != item && !reflect.DeepEqual(a[i].Object, b[i].Object) {
			return false
		}
	}
	return true
}

// expected returns a copy of obj with the value at path set to v.
func expected(obj map[string]any, elems []finding.PathElem, v any) (map[string]any, bool) {
	out, ok := setPath(deepCopy(obj), elems, v)
	if !ok {
		return nil, false
	}
	m, ok := out.(map[string]any)
	return m, ok
}

func setPath(cur any, elems []finding.PathElem, v any) (any, bool) {
	if len(elems) == 0 {
		return v, true
	}
	el := elems[0]
	if el.IsIndex {
		list, _ := cur.([]any)
		if cur != nil && list == nil {
			return nil, false
		}
		if el.Index > len(list) {
			return nil, false
		}
		if el.Index == len(list) {
			list = append(list, nil)
		}
		nv, ok := setPath(list[el.Index], elems[1:], v)
		if !ok {
			return nil, false
		}
		list[el.Index] = nv
		return list, true
	}
	m, _ := cur.(map[string]any)
	if cur != nil && m == nil {
		return nil, false
	}
	if m == nil {
		m = map[string]any{}
	}
	nv, ok := setPath(m[el.Key], elems[1:], v)
	if !ok {
		return nil, false
	}
	m[el.Key] = nv
	return m, true
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// typedValue is what the scanner will read for a rendered scalar.
func typedValue(s scalar) any {
	obj, err := decodeDoc([]byte("apiVersion: v1\nkind: X\nv: "+s.text+"\n"), -1)
	if err != nil {
		return s.value
	}
	return obj["v"]
}

// applyChecked applies an edit to a document and checks the result: the document decodes to
// the object it held before with exactly the edited field set to the new value.
func applyChecked(doc []byte, item int, e Edit) ([]byte, error) {
	before, err := decodeDoc(doc, item)
	if err != nil {
		return nil, refuse("the document does not decode: %v", err)
	}
	elems, err := finding.ParsePath(e.Path)
	if err != nil {
		return nil, refuse("bad path: %v", err)
	}
	want, ok := expected(before, elems, typedValue(renderScalar(e.Value)))
	if !ok {
		return nil, refuse("%s cannot be set: a parent is not a mapping or list", e.Path)
	}
	if reflect.DeepEqual(want, before) {
		return doc, nil // already fixed
	}
	out, err := editDocument(doc, item, e)
	if err != nil {
		return nil, err
	}
	after, err := decodeDoc(out, item)
	if err != nil {
		return nil, fmt.Errorf("edit of %s produced a document that does not decode (%w); not written", e.Path, err)
	}
	if !reflect.DeepEqual(after, want) {
		return nil, fmt.Errorf("edit of %s did not give the expected object; not written", e.Path)
	}
	if item >= 0 && !sameOtherItems(doc, out, item) {
		return nil, fmt.Errorf("edit of %s changed other items of the list; not written", e.Path)
	}
	return out, nil
}
