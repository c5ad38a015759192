package json

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func indentCases() [][]byte {
	cases := [][]byte{
		[]byte(`{}`), []byte(`[]`), []byte(`{"a":[]}`), []byte(`{"a":{},"b":[1,2,{"c":null}]}`),
		[]byte(`"x"`), []byte(`{"k\"ey":"va\\\"l[ue]{,:}","e":"\\"}`), []byte(`[true,false,-1.5e3]`),
		[]byte(`{"u":"\u00e9\u2028<>&"}`), []byte(`[[[]],[{}],{"a":[{"b":[]}]}]`),
	}
	if data, err := os.ReadFile(filepath.Join("..", "testdata", "report.json")); err == nil {
		var buf bytes.Buffer
		if json.Compact(&buf, data) == nil {
			cases = append(cases, buf.Bytes())
		}
	}
	return cases
}

func TestAppendIndentMatchesEncodingJSON(t *testing.T) {
	for _, src := range indentCases() {
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			if err := json.Indent(&want, src, prefix, "  "); err != nil {
				t.Fatalf("bad case %s: %v", src, err)
			}
			if got := appendIndent(nil, src, prefix); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("prefix %q, input %.80s:\ngot  %.200s\nwant %.200s", prefix, src, got, want.Bytes())
			}
		}
	}
}

// FuzzAppendIndent checks appendIndent against json.Indent on any valid JSON, compacted as the
// encoder writes it.
func FuzzAppendIndent(f *testing.F) {
	for _, c := range indentCases() {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) != nil {
			return
		}
		src := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		var want bytes.Buffer
		if err := json.Indent(&want, src, "  ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndent(nil, src, "  "); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("input %q:\ngot  %q\nwant %q", src, got, want.Bytes())
		}
	})
}
