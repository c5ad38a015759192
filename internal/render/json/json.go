// Package json renders the report as JSON, in the versioned schema described by
// docs/report.schema.json. Every other machine format is derived from the same report.
package json

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"sync"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes JSON.
type Renderer struct{}

// New returns the JSON renderer.
func New() Renderer { return Renderer{} }

// Name implements render.Renderer.
func (Renderer) Name() string { return "json" }

// Extension implements render.Renderer.
func (Renderer) Extension() string { return ".json" }

// Render implements render.Renderer. The output is exactly what encoding/json's Encoder writes
// with a two-space indent and no HTML escaping, but the resources (most of a large report) are
// encoded in parallel and the document is streamed, never held twice in memory.
func (Renderer) Render(w io.Writer, r *finding.Report, _ render.Options) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	fields := []struct {
		name  string
		value any
	}{
		{"schemaVersion", r.SchemaVersion},
		{"generatedAt", r.GeneratedAt},
		{"generator", r.Generator},
		{"target", r.Target},
		{"summary", r.Summary},
		{"frameworks", nonNil(r.Frameworks)},
		{"controls", nonNil(r.Controls)},
		{"resources", nil}, // streamed below
		{"inputProblems", nonNil(r.InputProblems)},
	}
	if len(r.Exceptions) > 0 {
		fields = append(fields, struct {
			name  string
			value any
		}{"exceptions", r.Exceptions})
	}
	bw.WriteString("{\n")
	for i, f := range fields {
		bw.WriteString(`  "` + f.name + `": `)
		if f.name == "resources" {
			if err := writeResources(bw, r.Resources); err != nil {
				return err
			}
		} else {
			b, err := encode(f.value, "  ")
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		if i < len(fields)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// nonNil makes nil slices render as [] as the schema requires.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// encode marshals v indented at the given depth, without HTML escaping and trailing newline:
// what an Encoder with SetIndent(prefix, "  ") writes, indented by appendIndent.
func encode(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return appendIndent(make([]byte, 0, len(compact)*2), compact, prefix), nil
}

// writeResources writes the resources array, encoding its elements on every core.
func writeResources(w *bufio.Writer, res []finding.Resource) error {
	if len(res) == 0 {
		_, err := w.WriteString("[]")
		return err
	}
	encoded := make([][]byte, len(res))
	errs := make([]error, len(res))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for i := k; i < len(res); i += workers {
				encoded[i], errs[i] = encode(&res[i], "    ")
			}
		}(k)
	}
	wg.Wait()
	w.WriteString("[\n")
	for i, b := range encoded {
		if errs[i] != nil {
			return errs[i]
		}
		w.WriteString("    ")
		w.Write(b)
		if i < len(encoded)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	_, err := w.WriteString("  ]")
	return err
}
