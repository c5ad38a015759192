package files

import (
	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// lineIndex records the file position of every field of an object while its node tree is at hand.
// A mapping entry is located at its key's line (a block value starts on the next line, but the
// key is where a person looks); a list item at its own line.
func lineIndex(top *yaml.Node, doc Document) *resource.LineIndex {
	var b resource.LineIndexBuilder
	var walk func(n *yaml.Node, h uint64, depth int)
	walk = func(n *yaml.Node, h uint64, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Kind == yaml.AliasNode {
			// Aliased content lives elsewhere in the file; its fields stay at the alias line.
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Kind != yaml.ScalarNode {
					continue
				}
				ch := resource.HashKey(h, k.Value)
				b.Add(ch, docLine(doc, k.Line), k.Column)
				walk(v, ch, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				ch := resource.HashIndex(h, i)
				b.Add(ch, docLine(doc, c.Line), c.Column)
				walk(c, ch, depth+1)
			}
		}
	}
	walk(top, resource.PathHash, 0)
	return b.Build()
}
