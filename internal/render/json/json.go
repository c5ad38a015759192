// Package json renders the report as JSON, in the versioned schema described by
// docs/report.schema.json. Every other machine format is derived from the same report.
package json

import (
	"encoding/json"
	"io"

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

// Render implements render.Renderer.
func (Renderer) Render(w io.Writer, r *finding.Report, _ render.Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
