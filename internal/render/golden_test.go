package render_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/formats"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden renders the shared testdata/report.json in every format and compares it with
// testdata/<format>[-<variant>].golden. Run with -update after an intended change.
func TestGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	variants := map[string]render.Options{"": {}, "-verbose": {Verbose: true}, "-color": {Color: true}}
	for _, r := range formats.All() {
		for suffix, opts := range variants {
			if suffix != "" && r.Name() != "pretty" {
				continue // colour and verbosity change only the terminal view
			}
			if r.Name() == "pdf" {
				continue // binary: internal/render/pdf reads its text back instead
			}
			name := r.Name() + suffix
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.Render(&buf, &rep, opts); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o600); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("output differs from %s (run with -update after an intended change)\n--- got:\n%s", golden, buf.String())
				}
			})
		}
	}
}

// TestJSONRoundTrip checks that the JSON renderer writes back exactly the report it was given.
func TestJSONRoundTrip(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	r, err := formats.Get("json")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	var a, b any
	_ = json.Unmarshal(data, &a)
	_ = json.Unmarshal(buf.Bytes(), &b)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Error("JSON output is not the report it was given")
	}
}

func TestFormatNames(t *testing.T) {
	for _, name := range []string{"pretty", "pretty-printer", "JSON"} {
		if _, err := formats.Get(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := formats.Get("xml"); err == nil {
		t.Error("xml should be unknown")
	}
}
