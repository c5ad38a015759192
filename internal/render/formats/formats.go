// Package formats lists the output formats: adding one means adding its package to the slice.
package formats

import (
	"fmt"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/csv"
	"github.com/kubescape-ng/kubescape/internal/render/html"
	"github.com/kubescape-ng/kubescape/internal/render/json"
	"github.com/kubescape-ng/kubescape/internal/render/junit"
	"github.com/kubescape-ng/kubescape/internal/render/markdown"
	"github.com/kubescape-ng/kubescape/internal/render/pdf"
	"github.com/kubescape-ng/kubescape/internal/render/pretty"
	"github.com/kubescape-ng/kubescape/internal/render/prometheus"
	"github.com/kubescape-ng/kubescape/internal/render/sarif"
)

// All returns every output format, the default first.
func All() []render.Renderer {
	return []render.Renderer{pretty.New(), json.New(), sarif.New(), junit.New(), html.New(), pdf.New(), prometheus.New(), markdown.New(), csv.New()}
}

// aliases maps names the reference tool accepts to ours.
var aliases = map[string]string{"pretty-printer": "pretty"}

// Get returns the renderer for a --format name.
func Get(name string) (render.Renderer, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := aliases[n]; ok {
		n = a
	}
	for _, r := range All() {
		if r.Name() == n {
			return r, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (want one of: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the format names.
func Names() []string {
	var out []string
	for _, r := range All() {
		out = append(out, r.Name())
	}
	return out
}
