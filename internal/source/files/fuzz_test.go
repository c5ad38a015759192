package files

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to the splitter and decoder: they must never panic, every
// document must come back either as objects or as a located problem, and lines must lie inside
// the input.
func FuzzDecode(f *testing.F) {
	seeds := []string{
		"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
		"---\n--- {a: 1}\n...\n%YAML 1.2\n---\nkind: x\n",
		"apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: a}}, 3]\n",
		"a: &x [*x]\n",
		"<<: {a: 1}\nb: !!binary aGVsbG8=\nc: .inf\nd: 0o17\ne: 1_000\n",
		`{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "b"}}`,
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: [\n",
		"\xef\xbb\xbfapiVersion: v1\r\nkind: Pod\r\n",
		"? [a, b]\n: c\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		objs, problems := Decode("fuzz.yaml", data)
		for _, o := range objs {
			if o.APIVersion == "" || o.Kind == "" {
				t.Fatalf("object without apiVersion/kind: %+v", o)
			}
			if o.Source.Line < 1 || o.Source.Line > lines {
				t.Fatalf("object line %d outside 1..%d", o.Source.Line, lines)
			}
		}
		for _, p := range problems {
			if p.Message == "" || p.Line < 0 || p.Line > lines {
				t.Fatalf("bad problem %+v (lines %d)", p, lines)
			}
		}
	})
}
