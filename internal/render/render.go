// Package render defines what an output format is. Each format lives in its own package under
// render/ and is listed in render/formats.
package render

import (
	"io"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// Options tune a renderer.
type Options struct {
	// Color enables ANSI colour (only ever set for terminals).
	Color bool
	// Verbose shows passed resources and every skipped control, not only failures.
	Verbose bool
	// Root is the absolute folder that file locations are made relative to, for formats that
	// need repository-relative paths (SARIF). Empty keeps paths as the report gives them.
	Root string
}

// Renderer writes a report in one format.
type Renderer interface {
	// Name is what users pass to --format.
	Name() string
	// Extension is the file extension used when several formats are written at once.
	Extension() string
	Render(w io.Writer, r *finding.Report, opts Options) error
}
