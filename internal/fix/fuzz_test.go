package fix

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// FuzzApplyFile feeds random YAML to the fixer inside a file of three documents and edits one
// of them. Whatever the input, the fixer must not panic, the documents it was not asked to
// change must come out byte for byte, and an edit it reports as made must leave the edited
// object equal to the original with exactly that field set.
func FuzzApplyFile(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "input.yaml"))
	paths := []string{"spec.containers[0].securityContext.privileged", "spec.hostNetwork", "metadata.labels.a",
		"spec.template.spec.containers[1].name", "spec.securityContext.runAsNonRoot", "data.x[0]"}
	for i, d := range dirs {
		data, err := os.ReadFile(d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), paths[i%len(paths)], "false", uint8(i))
	}
	f.Add("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a}]}\n", "spec.containers[0].securityContext.privileged", "false", uint8(0))
	f.Add("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  x: |\n    a\n    b\n", "spec.y", "1", uint8(1))

	const other = "# an untouched document\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata: {a: \"1\"}\n"
	f.Fuzz(func(t *testing.T, doc, path, value string, which uint8) {
		if len(doc) > 4096 {
			return
		}
		file := []byte(other + "---\n" + doc + "\n---\n" + other)
		docs := files.Split(file)
		if len(docs) == 0 {
			return
		}
		target := int(which) % len(docs)
		objs, problems := files.Decode("f", docs[target].Data)
		if len(problems) > 0 || len(objs) != 1 {
			return
		}
		o := objs[0]
		tg := Target{Document: target, Item: o.Source.Item, APIVersion: o.APIVersion, Kind: o.Kind, Namespace: o.Namespace, Name: o.Name}
		out, outcomes := ApplyFile(file, map[Target][]Edit{tg: {{Path: path, Value: value}}})
		after := files.Split(out)
		if len(after) != len(docs) {
			t.Fatalf("%d documents became %d", len(docs), len(after))
		}
		for i := range docs {
			if i != target && !bytes.Equal(docs[i].Data, after[i].Data) {
				t.Fatalf("document %d was not to be edited but changed:\n%q\n%q", i, docs[i].Data, after[i].Data)
			}
		}
		if len(outcomes) != 1 {
			t.Fatalf("outcomes %v", outcomes)
		}
		if outcomes[0].Err != nil {
			if !bytes.Equal(out, file) {
				t.Fatal("a refused edit changed the file")
			}
			return
		}
		edited, problems := files.Decode("f", after[target].Data)
		if len(problems) > 0 || len(edited) != 1 {
			t.Fatalf("the edited document does not decode: %v\n%s", problems, after[target].Data)
		}
		elems, err := finding.ParsePath(path)
		if err != nil {
			t.Fatal("an edit with a bad path was made")
		}
		want, ok := expected(o.Object, elems, typedValue(renderScalar(value)))
		if !ok || !reflect.DeepEqual(edited[0].Object, want) {
			t.Fatalf("edited object %v, want %v", edited[0].Object, want)
		}
	})
}
