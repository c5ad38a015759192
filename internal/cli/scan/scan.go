// Package scan implements `kubescape scan` and its `framework` and `control` forms: read the
// input, evaluate the selected controls, render the report, and exit with a code a pipeline can
// trust.
package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	diffcmd "github.com/kubescape-ng/kubescape/internal/cli/diff"
	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	fixcmd "github.com/kubescape-ng/kubescape/internal/cli/fix"
	"github.com/kubescape-ng/kubescape/internal/config"
	"github.com/kubescape-ng/kubescape/internal/diff"
	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/exceptions"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/formats"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source"
	"github.com/kubescape-ng/kubescape/internal/source/cluster"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/internal/source/helm"
	"github.com/kubescape-ng/kubescape/internal/source/kustomize"
	"github.com/kubescape-ng/kubescape/internal/version"
)

// Options of the scan commands.
type Options struct {
	f *factory.Factory

	Paths      []string
	Frameworks []string
	Controls   []string

	Formats             []string
	Output              string
	Verbose             bool
	ComplianceThreshold float64
	ComplianceSet       bool
	SeverityThreshold   string
	Timeout             time.Duration
	ControlsConfig      string

	// Helm rendering, as `helm template` takes it.
	HelmValues       []string
	HelmSet          []string
	HelmSetString    []string
	ReleaseName      string
	ReleaseNamespace string
	// ExcludePaths are gitignore-style patterns of paths not to scan.
	ExcludePaths []string

	// Cluster scans.
	Kubeconfig        string
	KubeContext       string
	IncludeNamespaces []string
	ExcludeNamespaces []string
	// Workload is KIND/NAME for `scan workload`; Namespace is its namespace.
	Workload  string
	Namespace string
	// ConfigFile is .kubescape.yaml (found from the scan root upward when not given).
	ConfigFile string
	// Exceptions files; InlineExceptions applies kubescape.io/skip-controls annotations.
	Exceptions       []string
	InlineExceptions bool
	inlineSet        bool
	// IncludeControls / ExcludeControls narrow the selection; PolicyDirs add custom controls.
	IncludeControls []string
	ExcludeControls []string
	PolicyDirs      []string
	// Fix applies the report's fixes to the scanned files after the scan; Yes writes them
	// without asking.
	Fix bool
	Yes bool
	// Baseline is a JSON report to compare the scan with; FailOnNew makes new findings exit 1.
	Baseline    string
	FailOnNew   bool
	Granularity string
}

const exitCodesHelp = `Exit codes:
  0  the scan completed and no threshold was crossed
  1  --compliance-threshold or --severity-threshold was crossed
  2  usage error (bad flag, unknown framework or control)
  3  runtime error, or an incomplete scan: part of the input could not be read
     (a file that does not parse, a binary or oversized file, no objects at all),
     or a threshold could not be evaluated. 3 wins over 1: a partial scan
     cannot vouch for the rest of the input.`

// NewCmd returns `kubescape scan` with its subcommands; runF replaces the behaviour in tests.
func NewCmd(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{f: f}
	cmd := &cobra.Command{
		Use:   "scan [PATH|-]...",
		Short: "Scan manifests for security and compliance problems",
		Long: `Scan Kubernetes manifests against the built-in controls.

PATH is a YAML or JSON file, a directory (read recursively: *.yaml, *.yml, *.json),
a glob, or - for standard input. Multi-document YAML and List kinds are read.
Folders with a Chart.yaml are rendered with Helm's SDK (chart defaults, or
--values/--set), folders with a kustomization.yaml are built with Kustomize's
API; their findings name the template or the folder. A Kustomize base that an
overlay in the same tree builds on is scanned through the overlay only. Paths
matched by .kubescapeignore (at the root of a scanned folder) or --exclude-path
(both gitignore syntax) are skipped.
With no framework chosen, the controls of the WorkloadScan and AllControls
frameworks are run. Controls that need data a manifest scan does not have (host
data, cloud APIs, image vulnerabilities) are listed as skipped with the reason;
they never count as passed.

` + exitCodesHelp,
		Example: `  kubescape scan deploy/
  kubescape scan app.yaml --severity-threshold high
  helm template ./chart | kubescape scan - --format json --output report.json
  kubescape scan framework nsa,mitre deploy/ --compliance-threshold 80
  kubescape scan control C-0017,C-0057 deploy/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return finish(cmd, opts, runF)
		},
	}
	addFlags(cmd, opts)
	cmd.AddCommand(newFrameworkCmd(opts, runF), newControlCmd(opts, runF), newWorkloadCmd(opts, runF))
	return cmd
}

func addFlags(cmd *cobra.Command, opts *Options) {
	fl := cmd.PersistentFlags()
	fl.StringSliceVarP(&opts.Formats, "format", "f", []string{"pretty"},
		"output format: "+strings.Join(formats.Names(), ", ")+"; several, comma-separated, need --output")
	fl.StringVarP(&opts.Output, "output", "o", "", "write the report to this file (with several formats: the base name)")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "show passed resources and every skipped control")
	fl.Float64Var(&opts.ComplianceThreshold, "compliance-threshold", 0, "exit 1 when the compliance score is below this (0-100)")
	fl.StringVar(&opts.SeverityThreshold, "severity-threshold", "", "exit 1 when a control of this severity or higher fails: low, medium, high, critical")
	fl.DurationVar(&opts.Timeout, "rule-timeout", engine.DefaultTimeout, "longest evaluation of one object; a rule that takes longer is reported as skipped")
	fl.StringVar(&opts.ControlsConfig, "controls-config", "", "control inputs: the reference tool's JSON ({\"name\": [\"value\"]}) or a kubescape.io/v1 ControlsConfig YAML")
	fl.StringArrayVar(&opts.HelmValues, "values", nil, "Helm values file for the charts scanned (repeatable; later files win)")
	fl.StringArrayVar(&opts.HelmSet, "set", nil, "Helm value override key=value for the charts scanned (repeatable)")
	fl.StringArrayVar(&opts.HelmSetString, "set-string", nil, "Helm string value override key=value (repeatable)")
	fl.StringVar(&opts.ReleaseName, "release-name", helm.DefaultReleaseName, "Helm release name the charts are rendered with")
	fl.StringVar(&opts.ReleaseNamespace, "release-namespace", helm.DefaultNamespace, "Helm release namespace the charts are rendered with")
	fl.StringArrayVar(&opts.ExcludePaths, "exclude-path", nil, "skip paths matching this gitignore-style pattern (repeatable)")
	fl.BoolVar(&opts.Fix, "fix", false, "after the scan, apply its fixes to the scanned files (as `kubescape fix`; asks first on a terminal)")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "with --fix, write without asking")
	fl.StringVar(&opts.ConfigFile, "config", "", "project configuration (default: .kubescape.yaml in the scanned folder or a parent)")
	fl.StringArrayVar(&opts.Exceptions, "exceptions", nil, "exceptions file: the reference tool's JSON or a kubescape.io/v1 Exceptions YAML (repeatable)")
	fl.BoolVar(&opts.InlineExceptions, "honor-inline-exceptions", true, "apply kubescape.io/skip-controls annotations (default: on for files, off for cluster scans)")
	fl.StringSliceVar(&opts.IncludeControls, "include-controls", nil, "keep only these controls of the selection (IDs, comma-separated)")
	fl.StringSliceVar(&opts.ExcludeControls, "exclude-controls", nil, "leave these controls out (IDs, comma-separated)")
	fl.StringArrayVar(&opts.PolicyDirs, "policy-dir", nil, "add custom controls and frameworks from this folder (the library's format; repeatable)")
	fl.StringVar(&opts.Kubeconfig, "kubeconfig", "", "cluster scans: the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
	fl.StringVar(&opts.KubeContext, "kube-context", "", "cluster scans: the kubeconfig context (default: the current one)")
	fl.StringSliceVar(&opts.IncludeNamespaces, "include-namespaces", nil, "cluster scans: scan only these namespaces (cluster-scoped objects are still scanned)")
	fl.StringSliceVar(&opts.ExcludeNamespaces, "exclude-namespaces", nil, "cluster scans: skip these namespaces")
	fl.StringVar(&opts.Baseline, "baseline", "", "compare with this earlier JSON report and list new and resolved findings (as `kubescape diff`)")
	fl.BoolVar(&opts.FailOnNew, "fail-on-new", false, "with --baseline, exit 1 when there are findings the baseline does not have")
	fl.StringVar(&opts.Granularity, "granularity", "evidence", "with --baseline, what counts as the same finding: evidence or control")
}

func newFrameworkCmd(opts *Options, runF func(*Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "framework NAMES [PATH|-]...",
		Short: "Scan against frameworks (nsa, mitre, workloadscan, allcontrols, ... or all)",
		Long: `Scan against one or more frameworks, comma-separated and case-insensitive.
"all" means allcontrols, nsa and mitre. ` + "`kubescape list frameworks`" + ` shows them.

` + exitCodesHelp,
		Example: "  kubescape scan framework nsa deploy/\n  kubescape scan framework nsa,mitre - < rendered.yaml",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Frameworks = splitList(args[0])
			opts.Paths = args[1:]
			return finish(cmd, opts, runF)
		},
	}
}

func newControlCmd(opts *Options, runF func(*Options) error) *cobra.Command {
	return &cobra.Command{
		Use:   "control IDS [PATH|-]...",
		Short: "Scan against chosen controls (IDs or names, comma-separated)",
		Long: `Scan against controls chosen by ID (C-0017) or by name, comma-separated.
An unknown control is an error, never an empty scan.

` + exitCodesHelp,
		Example: `  kubescape scan control C-0017,C-0057 deploy/
  kubescape scan control "Privileged container" deploy/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Controls = splitList(args[0])
			opts.Paths = args[1:]
			return finish(cmd, opts, runF)
		},
	}
}

func newWorkloadCmd(opts *Options, runF func(*Options) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workload KIND/NAME --namespace NS",
		Short: "Scan one workload of the cluster, with its service account, roles, services and network policies",
		Long: `Scan one workload of the current cluster (kubeconfig) with the objects that decide its
findings: its namespace, service account and the roles bound to it, the services that
select it and the network policies of its namespace.

` + exitCodesHelp,
		Example: "  kubescape scan workload deployment/payments -n shop\n  kubescape scan workload CronJob/backup --namespace ops --format json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Workload = args[0]
			return finish(cmd, opts, runF)
		},
	}
	cmd.Flags().StringVarP(&opts.Namespace, "namespace", "n", "default", "the workload's namespace")
	return cmd
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func finish(cmd *cobra.Command, opts *Options, runF func(*Options) error) error {
	if err := applyConfig(cmd, opts); err != nil {
		return err
	}
	opts.ComplianceSet = opts.ComplianceSet || cmd.Flags().Changed("compliance-threshold")
	opts.inlineSet = opts.inlineSet || cmd.Flags().Changed("honor-inline-exceptions")
	if opts.f != nil {
		opts.f.SetPolicyDirs(opts.PolicyDirs)
	}
	if err := validate(opts); err != nil {
		return err
	}
	if runF != nil {
		return runF(opts)
	}
	return run(cmd.Context(), opts)
}

// applyConfig reads .kubescape.yaml (given, or found from the scan root upward) and fills the
// options its flags did not set.
func applyConfig(cmd *cobra.Command, opts *Options) error {
	path := opts.ConfigFile
	if path == "" {
		start := "."
		if len(opts.Paths) > 0 && opts.Paths[0] != "-" {
			start = opts.Paths[0]
		}
		found, err := config.Find(start)
		if err != nil {
			return factory.Usage("%v", err)
		}
		path = found
	}
	if path == "" {
		return nil
	}
	c, err := config.Load(path)
	if err != nil {
		return factory.Usage("%s:\n%v", path, err)
	}
	if opts.f != nil {
		fmt.Fprintf(opts.f.IOStreams.ErrOut, "using %s\n", path)
	}
	changed := cmd.Flags().Changed
	if len(opts.Frameworks) == 0 && len(opts.Controls) == 0 {
		opts.Frameworks, opts.Controls = c.Frameworks, c.Controls
	}
	if !changed("include-controls") {
		opts.IncludeControls = c.IncludeControls
	}
	if !changed("exclude-controls") {
		opts.ExcludeControls = c.ExcludeControls
	}
	if !changed("compliance-threshold") && c.ComplianceThreshold != nil {
		opts.ComplianceThreshold, opts.ComplianceSet = *c.ComplianceThreshold, true
	}
	if !changed("severity-threshold") && c.SeverityThreshold != "" {
		opts.SeverityThreshold = c.SeverityThreshold
	}
	if !changed("format") && len(c.Formats) > 0 {
		opts.Formats = c.Formats
	}
	if !changed("output") && c.Output != "" {
		opts.Output = c.Output
	}
	if !changed("exceptions") {
		opts.Exceptions = c.Exceptions
	}
	if !changed("controls-config") && c.ControlsConfig != "" {
		opts.ControlsConfig = c.ControlsConfig
	}
	if !changed("honor-inline-exceptions") && c.InlineExceptions != nil {
		opts.InlineExceptions, opts.inlineSet = *c.InlineExceptions, true
	}
	if !changed("exclude-path") {
		opts.ExcludePaths = c.ExcludePaths
	}
	if !changed("policy-dir") {
		opts.PolicyDirs = c.PolicyDirs
	}
	return nil
}

// validate checks flags before any work is done.
func validate(opts *Options) error {
	if opts.Workload != "" {
		if len(opts.Paths) > 0 {
			return factory.Usage("scan workload reads the cluster; it takes no path")
		}
		if kind, name, ok := strings.Cut(opts.Workload, "/"); !ok || kind == "" || name == "" {
			return factory.Usage("scan workload wants KIND/NAME, for example deployment/payments, got %q", opts.Workload)
		}
	}
	if len(opts.Paths) > 0 && (opts.Kubeconfig != "" || opts.KubeContext != "" || len(opts.IncludeNamespaces) > 0 || len(opts.ExcludeNamespaces) > 0) {
		return factory.Usage("--kubeconfig, --kube-context and the namespace flags apply to cluster scans, which take no path")
	}
	if len(opts.IncludeNamespaces) > 0 && len(opts.ExcludeNamespaces) > 0 {
		return factory.Usage("--include-namespaces and --exclude-namespaces cannot be used together")
	}
	if len(opts.Paths) == 0 && opts.Fix {
		return factory.Usage("--fix edits files: it does not apply to cluster scans")
	}
	if opts.ComplianceSet && (opts.ComplianceThreshold < 0 || opts.ComplianceThreshold > 100) {
		return factory.Usage("--compliance-threshold must be between 0 and 100, got %v", opts.ComplianceThreshold)
	}
	if opts.SeverityThreshold != "" {
		if _, err := finding.ParseSeverity(opts.SeverityThreshold); err != nil {
			return factory.Usage("--severity-threshold: %v", err)
		}
	}
	if len(opts.Formats) == 0 {
		return factory.Usage("--format needs a value")
	}
	for _, f := range opts.Formats {
		if _, err := formats.Get(f); err != nil {
			return factory.Usage("--format: %v", err)
		}
	}
	if len(opts.Formats) > 1 && opts.Output == "" {
		return factory.Usage("several formats need --output (the base name of the files to write)")
	}
	if opts.Timeout <= 0 {
		return factory.Usage("--rule-timeout must be positive")
	}
	if opts.Yes && !opts.Fix {
		return factory.Usage("--yes goes with --fix")
	}
	if (opts.FailOnNew || opts.Granularity != "evidence") && opts.Baseline == "" {
		return factory.Usage("--fail-on-new and --granularity go with --baseline")
	}
	if _, err := diffcmd.ParseGranularity(opts.Granularity); err != nil {
		return factory.Usage("%v", err)
	}
	return nil
}

// input is what a scan reads: objects from files or a cluster, and how to present them.
type input struct {
	src         *source.Result
	kind        scan.Target
	target      finding.Target
	locator     source.Locator
	unavailable map[resource.GroupKind]string
	inNamespace func(string) bool
}

// selected compiles the library (once per process) and resolves the user's selection.
func selected(opts *Options) (*policy.Compiled, scan.Selection, error) {
	compiled, err := opts.f.Library()
	if err != nil {
		return nil, scan.Selection{}, factory.Runtime(err)
	}
	sel, err := selection(compiled.Library, opts)
	return compiled, sel, err
}

// readFiles reads files, folders, charts and stdin while the library compiles.
func readFiles(opts *Options) (*input, error) {
	libDone := make(chan struct{})
	go func() {
		defer close(libDone)
		_, _ = opts.f.Library()
	}()
	defer func() { <-libDone }()
	loader, err := newLoader(opts)
	if err != nil {
		return nil, err
	}
	src, err := loader.Load(opts.Paths)
	if err != nil {
		return nil, factory.Usage("%v", err)
	}
	return &input{src: src, kind: scan.TargetFiles, target: finding.Target{Type: string(scan.TargetFiles), Paths: opts.Paths}, locator: loader.Locator()}, nil
}

// readCluster lists the kinds the selected controls read from the kubeconfig's cluster.
func readCluster(ctx context.Context, opts *Options) (*input, error) {
	// The kinds to list come from the library's metadata; the Rego compiles meanwhile.
	meta, err := opts.f.Metadata()
	if err != nil {
		return nil, factory.Runtime(err)
	}
	sel, err := selection(meta, opts)
	if err != nil {
		return nil, err
	}
	libDone := make(chan struct{})
	go func() {
		defer close(libDone)
		_, _ = opts.f.Library()
	}()
	defer func() { <-libDone }()
	cfg, contextName, err := cluster.Config(opts.Kubeconfig, opts.KubeContext)
	if err != nil {
		return nil, factory.Usage("no path given, and no cluster to scan: %v", err)
	}
	copts := cluster.Options{Kinds: scan.KindsOf(meta, sel), IncludeNamespaces: opts.IncludeNamespaces, ExcludeNamespaces: opts.ExcludeNamespaces}
	var kind, name string
	if opts.Workload != "" {
		kind, name, _ = strings.Cut(opts.Workload, "/")
		copts.IncludeNamespaces, copts.ExcludeNamespaces = []string{opts.Namespace}, nil
	}
	if opts.f.IOStreams.ErrIsTerminal() {
		copts.Progress = opts.f.IOStreams.ErrOut
	}
	src, info, err := cluster.Load(ctx, cfg, copts)
	if err != nil {
		return nil, factory.Runtime(err)
	}
	for _, r := range sortedReasons(info.Unavailable) {
		fmt.Fprintf(opts.f.IOStreams.ErrOut, "warning: %s; the controls that need it are skipped\n", r)
	}
	target := finding.Target{Type: string(scan.TargetCluster), Context: contextName, Server: info.Server, Version: info.Version,
		Namespaces: copts.IncludeNamespaces, ExcludedNamespaces: copts.ExcludeNamespaces}
	if opts.Workload != "" {
		objs, wl, err := cluster.Workload(src.Objects, kind, opts.Namespace, name)
		if err != nil {
			return nil, &factory.ExitError{Code: factory.ExitRuntime, Err: err}
		}
		src.Objects = objs
		target.Workload = wl
	}
	include, exclude := map[string]bool{}, map[string]bool{}
	for _, n := range copts.IncludeNamespaces {
		include[n] = true
	}
	for _, n := range copts.ExcludeNamespaces {
		exclude[n] = true
	}
	inNamespace := func(ns string) bool { return (len(include) == 0 || include[ns]) && !exclude[ns] }
	return &input{src: src, kind: scan.TargetCluster, target: target, unavailable: info.Unavailable, inNamespace: inNamespace}, nil
}

func sortedReasons(m map[resource.GroupKind]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range m {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// selection resolves the frameworks and controls the user asked for.
func selection(lib *policy.Library, opts *Options) (scan.Selection, error) {
	var sel scan.Selection
	seen := map[string]bool{}
	addControl := func(id string) {
		if !seen[id] {
			seen[id] = true
			sel.ControlIDs = append(sel.ControlIDs, id)
		}
	}
	if len(opts.Controls) > 0 {
		for _, want := range opts.Controls {
			id, err := resolveControl(lib, want)
			if err != nil {
				return sel, err
			}
			addControl(id)
		}
		return narrow(lib, sel, opts)
	}
	names := opts.Frameworks
	if len(names) == 0 {
		names = []string{"workloadscan", "allcontrols"}
	}
	var expanded []string
	for _, n := range names {
		if strings.EqualFold(n, "all") {
			expanded = append(expanded, "allcontrols", "nsa", "mitre")
			continue
		}
		expanded = append(expanded, n)
	}
	fwSeen := map[*policy.Framework]bool{}
	for _, n := range expanded {
		fw := lib.Framework(n)
		if fw == nil {
			var known []string
			for _, f := range lib.Frameworks {
				known = append(known, f.ID)
			}
			return sel, factory.Usage("unknown framework %q (known: %s)", n, strings.Join(known, ", "))
		}
		if fwSeen[fw] {
			continue
		}
		fwSeen[fw] = true
		sel.Frameworks = append(sel.Frameworks, fw)
		for _, id := range fw.Controls {
			addControl(id)
		}
	}
	return narrow(lib, sel, opts)
}

// narrow applies --include-controls and --exclude-controls. An unknown ID, or an included one
// the selection does not hold, is an error: never a silently empty or partial scan.
func narrow(lib *policy.Library, sel scan.Selection, opts *Options) (scan.Selection, error) {
	if len(opts.IncludeControls) == 0 && len(opts.ExcludeControls) == 0 {
		return sel, nil
	}
	in := map[string]bool{}
	for _, id := range sel.ControlIDs {
		in[id] = true
	}
	resolve := func(flag string, ids []string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, want := range ids {
			id, err := resolveControl(lib, want)
			if err != nil {
				return nil, factory.Usage("--%s: unknown control %q (see `kubescape list controls`)", flag, want)
			}
			out[id] = true
		}
		return out, nil
	}
	include, err := resolve("include-controls", opts.IncludeControls)
	if err != nil {
		return sel, err
	}
	exclude, err := resolve("exclude-controls", opts.ExcludeControls)
	if err != nil {
		return sel, err
	}
	for id := range include {
		if !in[id] {
			return sel, factory.Usage("--include-controls: %s is not in the selected frameworks", id)
		}
	}
	var ids []string
	for _, id := range sel.ControlIDs {
		if (len(include) == 0 || include[id]) && !exclude[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return sel, factory.Usage("--include-controls and --exclude-controls leave no control to run")
	}
	kept := map[string]bool{}
	for _, id := range ids {
		kept[id] = true
	}
	for i, fw := range sel.Frameworks {
		c := *fw
		c.Controls = nil
		for _, id := range fw.Controls {
			if kept[id] {
				c.Controls = append(c.Controls, id)
			}
		}
		sel.Frameworks[i] = &c
	}
	sel.ControlIDs = ids
	return sel, nil
}

func resolveControl(lib *policy.Library, want string) (string, error) {
	id := strings.ToUpper(want)
	if lib.Entry(id) != nil {
		return id, nil
	}
	for _, c := range lib.Controls {
		if strings.EqualFold(c.Name, want) {
			return c.ID, nil
		}
	}
	for id, e := range lib.Catalogue {
		if strings.EqualFold(e.Name, want) {
			return id, nil
		}
	}
	return "", factory.Usage("unknown control %q (see `kubescape list controls`)", want)
}

// phases prints how long each phase took when KUBESCAPE_TIMING is set (for performance work).
type phases struct {
	w    io.Writer
	last time.Time
	on   bool
}

func (p *phases) mark(name string) {
	if !p.on {
		return
	}
	now := time.Now()
	fmt.Fprintf(p.w, "timing: %-8s %v\n", name, now.Sub(p.last).Round(time.Millisecond))
	p.last = now
}

func run(ctx context.Context, opts *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ios := opts.f.IOStreams
	timing := &phases{w: ios.ErrOut, last: time.Now(), on: os.Getenv("KUBESCAPE_TIMING") != ""}
	// The collector is tuned before reading (the live heap grows the whole time objects are read,
	// and the default would collect at every doubling) and again once their number is known.
	tuneGC(0)
	var in *input
	var err error
	if len(opts.Paths) == 0 {
		in, err = readCluster(ctx, opts)
	} else {
		in, err = readFiles(opts)
	}
	if err != nil {
		return err
	}
	src := in.src
	timing.mark("compile+read")
	var baseline *finding.Report
	if opts.Baseline != "" {
		if baseline, err = diffcmd.ReadReport(opts.Baseline); err != nil {
			return factory.Usage("--baseline: %v", err)
		}
	}
	tuneGC(len(src.Objects))
	compiled, sel, err := selected(opts)
	if err != nil {
		return err
	}
	var inputs map[string][]string
	if opts.ControlsConfig != "" {
		data, err := os.ReadFile(opts.ControlsConfig)
		if err != nil {
			return factory.Usage("--controls-config: %v", err)
		}
		if inputs, err = policy.ParseControlsConfig(opts.ControlsConfig, data, compiled.Library.Inputs); err != nil {
			return factory.Usage("--controls-config: %v", err)
		}
	}

	if len(src.Objects) == 0 && !src.Incomplete() {
		where := strings.Join(opts.Paths, " ")
		if where == "" {
			where = in.target.Server
		}
		src.Problems = append(src.Problems, source.Problem{Path: where, Level: source.LevelError,
			Message: "no Kubernetes objects found in the input"})
	}

	var set *exceptions.Set
	if len(opts.Exceptions) > 0 {
		set = &exceptions.Set{Now: time.Now()}
		for _, f := range opts.Exceptions {
			data, err := os.ReadFile(f)
			if err != nil {
				return factory.Usage("--exceptions: %v", err)
			}
			ex, err := exceptions.Parse(f, data)
			if err != nil {
				return factory.Usage("--exceptions:\n%v", err)
			}
			set.Exceptions = append(set.Exceptions, ex...)
		}
	}
	inline := opts.InlineExceptions
	if !opts.inlineSet {
		inline = in.kind == scan.TargetFiles // the reference's default: on for files, off for clusters
	}

	scanner, err := scan.New(ctx, compiled, sel, engine.Options{Timeout: opts.Timeout, Evaluator: os.Getenv("KUBESCAPE_EVALUATOR")})
	if err != nil {
		return factory.Runtime(err)
	}
	timing.mark("prepare")
	res, err := scanner.Scan(ctx, src.Objects, scan.Options{Target: in.kind, Inputs: inputs, Locator: in.locator,
		Unavailable: in.unavailable, InNamespace: in.inNamespace, Exceptions: set, Inline: inline, Cluster: in.target.Context})
	if err != nil {
		return factory.Runtime(err)
	}
	timing.mark("scan")
	if timing.on {
		fmt.Fprintf(ios.ErrOut, "timing: %d objects evaluated on the VM, %d with topdown; kinds the VM cannot run: %v\n",
			res.Engine.VM, res.Engine.Topdown, res.Engine.TopdownKinds)
	}
	rep := res.Report
	rep.GeneratedAt = time.Now().UTC().Truncate(time.Second)
	rep.Generator = finding.Generator{Name: "kubescape", Version: version.Get().Version}
	rep.Target = in.target
	rep.InputProblems = make([]finding.InputProblem, 0, len(src.Problems))
	for _, p := range src.Problems {
		rep.InputProblems = append(rep.InputProblems, finding.InputProblem{Path: p.Path, Line: p.Line, Level: string(p.Level), Message: p.Message})
	}
	rep.Summary.Complete = !src.Incomplete()

	if err := write(opts, rep); err != nil {
		return factory.Runtime(err)
	}
	timing.mark("render")
	var baselineErr error
	if baseline != nil {
		g, _ := diffcmd.ParseGranularity(opts.Granularity)
		res := diff.Compare(baseline, rep, g)
		w := opts.f.IOStreams.Out
		if opts.Output == "" && (len(opts.Formats) != 1 || opts.Formats[0] != "pretty") {
			w = opts.f.IOStreams.ErrOut // keep a machine-readable report on stdout clean
		}
		fmt.Fprintln(w)
		if err := diff.Render(w, res, "pretty"); err != nil {
			return factory.Runtime(err)
		}
		baselineErr = diffcmd.Verdict(res, opts.FailOnNew)
	}
	if opts.Fix {
		ios := *opts.f.IOStreams
		if opts.Output == "" && (len(opts.Formats) != 1 || opts.Formats[0] != "pretty") {
			ios.Out = ios.ErrOut // keep a machine-readable report on stdout clean
		}
		if err := fixcmd.Apply(&ios, rep, fixcmd.Config{Yes: opts.Yes, BasePaths: existing(opts.Paths)}); err != nil {
			return err
		}
	}
	if err := verdict(opts, rep, src); err != nil {
		return err
	}
	return baselineErr
}

// sourceRoot is the folder report locations are made relative to in formats that need it
// (SARIF): the Git work tree holding the current directory, or the current directory.
func sourceRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return wd
		}
	}
}

// existing keeps the paths that name files or folders (not "-" or globs).
func existing(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{"."}
	}
	return out
}

// newLoader builds the input reader: files, Helm charts, Kustomize folders, ignore patterns.
func newLoader(opts *Options) (*files.Loader, error) {
	renderer, err := helm.New(helm.Options{ValueFiles: opts.HelmValues, Set: opts.HelmSet, SetString: opts.HelmSetString,
		ReleaseName: opts.ReleaseName, Namespace: opts.ReleaseNamespace})
	if err != nil {
		return nil, factory.Usage("%v", err)
	}
	ignore, err := files.NewIgnore(opts.ExcludePaths)
	if err != nil {
		return nil, factory.Usage("%v", err)
	}
	return files.New(files.Options{
		Stdin:       opts.f.IOStreams.In,
		MaxFileSize: maxFileSize(),
		Ignore:      ignore,
		Generators:  Generators(renderer),
		SkipDirs:    opts.PolicyDirs,
	}), nil
}

// Generators are the folder renderers of a file scan: Helm charts first (a Chart.yaml is
// unambiguous), then Kustomize folders.
func Generators(renderer *helm.Renderer) []files.Generator {
	return []files.Generator{
		{
			Name:  "Helm chart",
			Match: helm.IsChart,
			Render: func(dir string) ([]files.Rendered, []source.Problem) {
				ms, problems := renderer.Render(dir)
				out := make([]files.Rendered, len(ms))
				for i, m := range ms {
					out[i] = files.Rendered{Path: m.Path, Info: m.Info, Data: m.Data}
				}
				return out, problems
			},
		},
		{
			Name:  "Kustomize folder",
			Match: kustomize.IsKustomization,
			Bases: kustomize.Bases,
			Render: func(dir string) ([]files.Rendered, []source.Problem) {
				ms, problems := kustomize.Build(dir)
				out := make([]files.Rendered, len(ms))
				for i, m := range ms {
					out[i] = files.Rendered{Path: m.Path, Info: m.Info, Data: m.Data}
				}
				return out, problems
			},
		},
	}
}

// write renders the report in every requested format.
func write(opts *Options, rep *finding.Report) error {
	ios := opts.f.IOStreams
	prettyToTerminal := false
	for _, name := range opts.Formats {
		r, _ := formats.Get(name)
		w := ios.Out
		ropts := render.Options{Verbose: opts.Verbose, Root: sourceRoot()}
		if opts.Output == "" {
			ropts.Color = ios.ColorEnabled()
			prettyToTerminal = prettyToTerminal || r.Name() == "pretty"
			if err := r.Render(w, rep, ropts); err != nil {
				return err
			}
			continue
		}
		path := opts.Output
		if len(opts.Formats) > 1 {
			path = strings.TrimSuffix(opts.Output, filepath.Ext(opts.Output)) + r.Extension()
		}
		if err := writeFile(path, func(w io.Writer) error { return r.Render(w, rep, ropts) }); err != nil {
			return fmt.Errorf("write %s report: %w", r.Name(), err)
		}
		fmt.Fprintf(ios.ErrOut, "wrote %s report to %s\n", r.Name(), path)
	}
	// Problems must never go unnoticed: when the report is not the terminal view, say so on
	// standard error too.
	if !prettyToTerminal && len(rep.InputProblems) > 0 {
		errs, skips := 0, 0
		for _, p := range rep.InputProblems {
			if p.Level == string(source.LevelError) {
				errs++
				loc := p.Path
				if p.Line > 0 {
					loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
				}
				fmt.Fprintf(ios.ErrOut, "error: %s: %s\n", loc, p.Message)
			} else {
				skips++
			}
		}
		if skips > 0 {
			fmt.Fprintf(ios.ErrOut, "note: %d documents were not Kubernetes objects and were skipped (see inputProblems in the report)\n", skips)
		}
	}
	return nil
}

func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// verdict decides the exit code: an incomplete scan (3) wins over a crossed threshold (1).
func verdict(opts *Options, rep *finding.Report, src *source.Result) error {
	ios := opts.f.IOStreams
	var reasons []string
	crossed := false
	if opts.ComplianceSet {
		if rep.Summary.ComplianceScore == nil {
			return &factory.ExitError{Code: factory.ExitRuntime, Err: errors.New("--compliance-threshold cannot be evaluated: no control could be evaluated on this input")}
		}
		if *rep.Summary.ComplianceScore < opts.ComplianceThreshold {
			crossed = true
			reasons = append(reasons, fmt.Sprintf("compliance score %.2f%% is below the threshold %s%%",
				*rep.Summary.ComplianceScore, strconv.FormatFloat(opts.ComplianceThreshold, 'f', -1, 64)))
		}
	}
	if opts.SeverityThreshold != "" {
		min, _ := finding.ParseSeverity(opts.SeverityThreshold)
		n := 0
		for _, c := range rep.Controls {
			if c.Status == finding.StatusFailed && (c.Severity >= min || c.Severity == finding.SeverityUnknown) {
				n++
			}
		}
		if n > 0 {
			crossed = true
			reasons = append(reasons, fmt.Sprintf("%d failed controls are of severity %s or higher", n, strings.ToLower(min.String())))
		}
	}
	for _, r := range reasons {
		fmt.Fprintf(ios.ErrOut, "threshold crossed: %s\n", r)
	}
	if src.Incomplete() {
		return &factory.ExitError{Code: factory.ExitRuntime, Err: errors.New("scan incomplete: part of the input could not be read (see the report's input problems)")}
	}
	if crossed {
		return &factory.ExitError{Code: factory.ExitThreshold}
	}
	return nil
}

// tuneGC trades memory the scan can afford for less garbage-collection work, unless the user set
// GOGC or GOMEMLIMIT. Evaluation allocates heavily while the live heap (the objects, the index,
// the results) stays around 10-20 KB per object: the collector may let the heap grow to three
// times what it keeps (GOGC=200), but never beyond max(700 MiB, 40 KB per object), where it works
// harder instead. Measured on 20,000 objects with the VM: peak RSS 780 MB and 7.6-7.8 s, where an
// 850 MiB limit gave 870-900 MB and 6.9-7.3 s, and the Go defaults 1 GB.
func tuneGC(objects int) {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(200)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		limit := int64(700) << 20
		if perObject := int64(objects) * 40 << 10; perObject > limit {
			limit = perObject
		}
		debug.SetMemoryLimit(limit)
	}
}

// maxFileSize reads KUBESCAPE_MAX_FILE_SIZE (bytes), as the reference tool does.
func maxFileSize() int64 {
	if v := os.Getenv("KUBESCAPE_MAX_FILE_SIZE"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			return n
		}
	}
	return files.DefaultMaxFileSize
}
