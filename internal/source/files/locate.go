package files

import (
	"os"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Locator finds the line of a field inside an object read by a Loader. It re-reads and
// re-parses only the documents asked about, so the scan itself keeps no YAML node trees; ask
// about objects in file order to make the most of its one-document cache.
type Locator struct {
	loader *Loader

	mu       sync.Mutex
	file     string
	data     []byte
	docs     []Document
	docIndex int
	node     *yaml.Node
}

// Locator returns a locator for the objects this loader read.
func (l *Loader) Locator() *Locator { return &Locator{loader: l, docIndex: -1} }

// Line implements source.Locator.
func (lc *Locator) Line(obj *resource.Object, path string) int {
	if obj == nil || obj.Source.Path == "" {
		return 0
	}
	elems, err := finding.ParsePath(path)
	if err != nil {
		return obj.Source.Line
	}
	if obj.Source.Lines != nil {
		return indexedLine(obj, elems)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	doc, top := lc.document(obj.Source.Path, obj.Source.Document)
	if top == nil {
		return obj.Source.Line
	}
	n := top
	if obj.Source.Item >= 0 {
		items := child(n, finding.PathElem{Key: "items"})
		if items == nil {
			return obj.Source.Line
		}
		n = child(items, finding.PathElem{Index: obj.Source.Item, IsIndex: true})
		if n == nil {
			return obj.Source.Line
		}
	}
	for _, e := range elems {
		c := child(n, e)
		if c == nil {
			break
		}
		n = c
	}
	return docLine(doc, n.Line)
}

// document returns the parsed document (its top node) from the cache or from disk.
func (lc *Locator) document(path string, index int) (Document, *yaml.Node) {
	if path != lc.file {
		lc.file, lc.docIndex, lc.node = path, -1, nil
		var data []byte
		if path == StdinPath {
			data = lc.loader.stdin
		} else {
			var err error
			if data, err = os.ReadFile(path); err != nil {
				lc.data, lc.docs = nil, nil
				return Document{}, nil
			}
		}
		lc.data = data
		lc.docs = Split(data)
	}
	if index < 0 || index >= len(lc.docs) {
		return Document{}, nil
	}
	if lc.docIndex != index {
		lc.docIndex = index
		lc.node = nil
		if n, err := parseDocument(lc.docs[index].Data); err == nil {
			if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
				n = n.Content[0]
			}
			lc.node = n
		}
	}
	return lc.docs[index], lc.node
}

// child follows one path element from a node, resolving aliases.
func child(n *yaml.Node, e finding.PathElem) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case e.IsIndex && n.Kind == yaml.SequenceNode:
		if e.Index < len(n.Content) {
			return n.Content[e.Index]
		}
	case !e.IsIndex && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == e.Key {
				v := n.Content[i+1]
				// Point at the key line for values that start on the next line.
				if v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode {
					if v.Line != n.Content[i].Line {
						c := *v
						c.Line = n.Content[i].Line
						return &c
					}
				}
				return v
			}
		}
	}
	return nil
}

// indexedLine finds the line of the deepest existing node on the path in the object's line index.
func indexedLine(obj *resource.Object, elems []finding.PathElem) int {
	line := obj.Source.Line
	h := resource.PathHash
	for _, e := range elems {
		if e.IsIndex {
			h = resource.HashIndex(h, e.Index)
		} else {
			h = resource.HashKey(h, e.Key)
		}
		l, ok := obj.Source.Lines.Line(h)
		if !ok {
			break
		}
		line = l
	}
	return line
}
