// Package helm renders Helm charts with Helm's own Go SDK, as `helm template` would, so that the
// objects a chart installs can be scanned where the chart is written. It never talks to a
// cluster or to the network: `lookup` returns nothing and remote value files are refused.
package helm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	commonutil "helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/strvals"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

// Defaults `helm template` uses when no release name or namespace is given.
const (
	DefaultReleaseName = "release-name"
	DefaultNamespace   = "default"
)

// Options are the values charts are rendered with, given as `helm template` takes them. They
// apply to every chart of a scan.
type Options struct {
	// ValueFiles are YAML files merged in order over the chart's values.yaml (--values).
	ValueFiles []string
	// Set and SetString are key=value overrides (--set, --set-string), applied after the files.
	Set       []string
	SetString []string
	// ReleaseName and Namespace fill .Release.Name and .Release.Namespace.
	ReleaseName string
	Namespace   string
}

// Renderer renders charts with one set of user values.
type Renderer struct {
	values      map[string]any
	releaseName string
	namespace   string
}

// New reads the user's values once. A value file that cannot be read or parsed, or a --set
// expression that does not parse, is an error: the user asked for something that cannot be done.
func New(opts Options) (*Renderer, error) {
	vals := map[string]any{}
	for _, f := range opts.ValueFiles {
		if strings.Contains(f, "://") {
			return nil, fmt.Errorf("--values %s: only local files are read (kubescape makes no network requests)", f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("--values: %w", err)
		}
		m, err := loader.LoadValues(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("--values %s: %w", f, err)
		}
		vals = loader.MergeMaps(vals, m)
	}
	for _, s := range opts.Set {
		if err := strvals.ParseInto(s, vals); err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
	}
	for _, s := range opts.SetString {
		if err := strvals.ParseIntoString(s, vals); err != nil {
			return nil, fmt.Errorf("--set-string %s: %w", s, err)
		}
	}
	r := &Renderer{values: vals, releaseName: opts.ReleaseName, namespace: opts.Namespace}
	if r.releaseName == "" {
		r.releaseName = DefaultReleaseName
	}
	if r.namespace == "" {
		r.namespace = DefaultNamespace
	}
	return r, nil
}

// IsChart reports whether dir is a chart folder (it holds a Chart.yaml).
func IsChart(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "Chart.yaml"))
	return err == nil && !info.IsDir()
}

// Manifest is the rendered output of one template.
type Manifest struct {
	// Path is the template file on disk (dir joined with Template).
	Path string
	// Info names the chart and the template, relative to the chart folder.
	Info resource.Generated
	Data []byte
}

// Render renders the chart in dir. Templates that render to nothing, partials (_*.tpl) and
// NOTES.txt are left out. A chart that cannot be loaded or rendered is one error problem with
// Helm's message; a dependency declared in Chart.yaml but missing from charts/ is an error
// problem too (the scan is incomplete), and the rest of the chart is still rendered.
func (r *Renderer) Render(dir string) (manifests []Manifest, problems []source.Problem) {
	fail := func(err error) ([]Manifest, []source.Problem) {
		return nil, []source.Problem{{Path: dir, Level: source.LevelError, Message: "Helm chart cannot be rendered: " + err.Error()}}
	}
	defer func() {
		// Helm's template functions are many and user-driven; a panic in one must not end the scan.
		if p := recover(); p != nil {
			manifests, problems = fail(fmt.Errorf("helm panicked: %v", p))
		}
	}()
	chrt, err := loader.Load(dir)
	if err != nil {
		return fail(err)
	}
	if err := checkDependencies(chrt); err != nil {
		problems = append(problems, source.Problem{Path: dir, Level: source.LevelError,
			Message: "Helm chart: " + err.Error() + " (run `helm dependency build`); the chart was rendered without them"})
	}
	vals := copyValues(r.values)
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return fail(err)
	}
	opts := common.ReleaseOptions{Name: r.releaseName, Namespace: r.namespace, Revision: 1, IsInstall: true}
	renderVals, err := commonutil.ToRenderValues(chrt, vals, opts, common.DefaultCapabilities.Copy())
	if err != nil {
		return fail(err)
	}
	out, err := engine.Engine{}.RenderWithContext(context.Background(), chrt, renderVals)
	if err != nil {
		return fail(err)
	}
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		text := out[name]
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" || strings.TrimSpace(text) == "" {
			continue
		}
		rel, chartName := templatePath(name)
		manifests = append(manifests, Manifest{
			Path: filepath.Join(dir, filepath.FromSlash(rel)),
			Info: resource.Generated{Generator: resource.GeneratorHelm, Root: dir, Chart: chartName, Template: rel},
			Data: []byte(text),
		})
	}
	return manifests, problems
}

// templatePath turns Helm's template name ("app/charts/redis/templates/sts.yaml") into the
// path relative to the chart folder ("charts/redis/templates/sts.yaml") and the name of the
// (sub)chart that owns it ("redis").
func templatePath(name string) (rel, chartName string) {
	parts := strings.Split(name, "/")
	chartName = parts[0]
	for i := 1; i+2 < len(parts) && parts[i] == "charts"; i += 2 {
		chartName = parts[i+1]
	}
	return strings.Join(parts[1:], "/"), chartName
}

// checkDependencies reports dependencies listed in Chart.yaml that charts/ does not hold, as
// `helm install` does before it refuses to go on.
func checkDependencies(c *chart.Chart) error {
	if c.Metadata == nil {
		return nil
	}
	have := map[string]bool{}
	for _, d := range c.Dependencies() {
		have[d.Name()] = true
	}
	var missing []string
	for _, d := range c.Metadata.Dependencies {
		if d != nil && !have[d.Name] {
			missing = append(missing, d.Name)
		}
	}
	if len(missing) > 0 {
		return errors.New("found in Chart.yaml, but missing in charts/ directory: " + strings.Join(missing, ", "))
	}
	return nil
}

// copyValues copies the user's values deeply: Helm writes into the map it is given.
func copyValues(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = copyValue(v)
	}
	return out
}

func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return copyValues(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = copyValue(e)
		}
		return out
	}
	return v
}
