package files

import (
	"os"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
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

// Locate implements source.Locator.
func (lc *Locator) Locate(obj *resource.Object, path string) source.Location {
	if obj == nil || obj.Source.Path == "" || obj.Source.Generated != nil || obj.Source.Line == 0 {
		return source.Location{}
	}
	own := source.Location{Position: resource.Position{Line: obj.Source.Line, Column: obj.Source.Column}}
	elems, err := finding.ParsePath(path)
	if err != nil {
		return own
	}
	if obj.Source.Lines != nil {
		return indexedLocation(obj, elems, own)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	doc, top := lc.document(obj.Source.Path, obj.Source.Document)
	if top == nil {
		return own
	}
	n := top
	if obj.Source.Item >= 0 {
		items := child(n, finding.PathElem{Key: "items"})
		if items == nil {
			return own
		}
		n = child(items, finding.PathElem{Index: obj.Source.Item, IsIndex: true})
		if n == nil {
			return own
		}
	}
	loc := own
	loc.Exact = true
	for _, e := range elems {
		c, at := step(n, e)
		if c == nil {
			loc.Exact = false
			break
		}
		n = c
		loc.Line, loc.Column = docLine(doc, at.Line), at.Column
	}
	return loc
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
	v, _ := step(n, e)
	return v
}

// step follows one path element from a node, resolving aliases. It returns the value and the
// node that marks its position: the key of a mapping entry (where a person looks, and where the
// line index puts it), the item itself in a list.
func step(n *yaml.Node, e finding.PathElem) (val, at *yaml.Node) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case e.IsIndex && n.Kind == yaml.SequenceNode:
		if e.Index < len(n.Content) {
			return n.Content[e.Index], n.Content[e.Index]
		}
	case !e.IsIndex && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == e.Key {
				return n.Content[i+1], n.Content[i]
			}
		}
	}
	return nil, nil
}

// indexedLocation finds the deepest existing node on the path in the object's line index.
func indexedLocation(obj *resource.Object, elems []finding.PathElem, own source.Location) source.Location {
	loc := own
	loc.Exact = true
	h := resource.PathHash
	for _, e := range elems {
		if e.IsIndex {
			h = resource.HashIndex(h, e.Index)
		} else {
			h = resource.HashKey(h, e.Key)
		}
		p, ok := obj.Source.Lines.Pos(h)
		if !ok {
			loc.Exact = false
			break
		}
		loc.Position = p
	}
	return loc
}
