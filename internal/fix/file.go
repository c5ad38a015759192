package fix

import (
	"bytes"
	"errors"
	"sort"

	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// Target is one object in a file: the document (and List item) the scan read it from, and its
// identity, checked before editing so that a stale report never edits the wrong object.
type Target struct {
	Document   int
	Item       int // -1 unless the object is an item of a List document
	APIVersion string
	Kind       string
	Namespace  string
	Name       string
}

func (t Target) String() string {
	name := t.Name
	if t.Namespace != "" {
		name = t.Namespace + "/" + t.Name
	}
	return t.Kind + " " + name
}

// Outcome is what happened to one edit.
type Outcome struct {
	Target Target
	Edit   Edit
	// Err is nil when the edit was made (or the field already had the value).
	Err error
}

// ApplyFile makes the edits in a file's text and returns the new text. Each document is edited
// on its own and spliced back; the bytes of the other documents and everything between them
// are kept. An edit that cannot be made safely is skipped with its reason.
func ApplyFile(data []byte, edits map[Target][]Edit) ([]byte, []Outcome) {
	bom := []byte("\xef\xbb\xbf")
	hasBOM := bytes.HasPrefix(data, bom)
	body := bytes.TrimPrefix(data, bom)
	docs := files.Split(body)

	targets := make([]Target, 0, len(edits))
	for t := range edits {
		targets = append(targets, t)
	}
	sort.Slice(targets, func(i, j int) bool {
		if targets[i].Document != targets[j].Document {
			return targets[i].Document < targets[j].Document
		}
		return targets[i].Item < targets[j].Item
	})

	newDocs := map[int][]byte{}
	var outcomes []Outcome
	for _, t := range targets {
		es := edits[t]
		if t.Document < 0 || t.Document >= len(docs) {
			for _, e := range es {
				outcomes = append(outcomes, Outcome{t, e, refuse("the file has no document %d: it changed since the scan", t.Document)})
			}
			continue
		}
		text, ok := newDocs[t.Document]
		if !ok {
			text = docs[t.Document].Data
		}
		if err := checkIdentity(text, t); err != nil {
			for _, e := range es {
				outcomes = append(outcomes, Outcome{t, e, err})
			}
			continue
		}
		for _, e := range es {
			out, err := applyChecked(text, t.Item, e)
			if err == nil {
				text = out
			}
			outcomes = append(outcomes, Outcome{t, e, err})
		}
		newDocs[t.Document] = text
	}

	var out bytes.Buffer
	if hasBOM {
		out.Write(bom)
	}
	pos := 0
	for _, d := range docs {
		text, ok := newDocs[d.Index]
		if !ok {
			continue
		}
		out.Write(body[pos:d.Offset])
		out.Write(text)
		pos = d.Offset + len(d.Data)
	}
	out.Write(body[pos:])
	return out.Bytes(), outcomes
}

// checkIdentity refuses to edit a document that no longer holds the object the report names.
func checkIdentity(doc []byte, t Target) error {
	objs, _ := files.Decode("doc", doc)
	for _, o := range objs {
		if o.Source.Item != t.Item {
			continue
		}
		if o.Kind == t.Kind && o.Name == t.Name && o.Namespace == t.Namespace && (t.APIVersion == "" || o.APIVersion == t.APIVersion) {
			return nil
		}
		return refuse("document %d holds %s %s, not %s: the file changed since the scan", t.Document, o.Kind, o.Name, t)
	}
	return refuse("document %d no longer holds %s: the file changed since the scan", t.Document, t)
}

// IsRefused reports whether an outcome is a deliberate refusal rather than a failed check.
func IsRefused(err error) bool { return errors.Is(err, ErrRefused) }
