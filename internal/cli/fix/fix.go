// Package fix implements `kubescape fix`: apply the fixes of a JSON report to the YAML files
// it was read from.
package fix

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/fix"
	"github.com/kubescape-ng/kubescape/internal/iostreams"
)

// Options of the fix command.
type Options struct {
	f *factory.Factory

	Report   string
	DryRun   bool
	Yes      bool
	BasePath string
}

// NewCmd returns `kubescape fix`; runF replaces the behaviour in tests.
func NewCmd(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{f: f}
	cmd := &cobra.Command{
		Use:   "fix REPORT.json",
		Short: "Apply the fixes of a scan report to the YAML files it was read from",
		Long: `Apply the fix paths of failed controls, from a JSON report of a file scan
(kubescape scan ... --format json --output REPORT.json), to the YAML files the
objects were read from.

Only the fields concerned change: comments, key order, indentation, quoting,
flow or block style, other documents and CRLF line endings are kept. Every edit
is checked by reading the file back. Nothing is written outside --base-path
(the current directory by default).

Not edited, and listed instead:
  - fix values you must choose (YOUR_...: a memory limit, an image digest);
  - fields to remove, and findings with no automatic fix;
  - fields reached through YAML anchors, aliases or merge keys, block scalars;
  - objects rendered from Helm charts or built by Kustomize: the output says
    which template line or kustomization to change.

Without --yes, kubescape shows the changes and asks before writing when run in
a terminal; elsewhere it refuses to write (exit 2). --dry-run only shows the
unified diff.`,
		Example: `  kubescape scan deploy/ --format json --output report.json
  kubescape fix report.json --dry-run
  kubescape fix report.json --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Report = args[0]
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the unified diff of the changes; write nothing")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "write without asking")
	fl.StringVar(&opts.BasePath, "base-path", "", "edit only files under this folder (default: the current directory)")
	return cmd
}

func run(opts *Options) error {
	data, err := os.ReadFile(opts.Report)
	if err != nil {
		return factory.Usage("%v", err)
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return factory.Usage("%s is not a kubescape JSON report: %v", opts.Report, err)
	}
	if rep.SchemaVersion != finding.SchemaVersion {
		return factory.Usage("%s: report schema %q, want %q (a JSON report of `kubescape scan --format json`)", opts.Report, rep.SchemaVersion, finding.SchemaVersion)
	}
	return Apply(opts.f.IOStreams, &rep, Config{DryRun: opts.DryRun, Yes: opts.Yes, BasePath: opts.BasePath})
}

// Config says how to apply a plan.
type Config struct {
	DryRun   bool
	Yes      bool
	BasePath string
	// BasePaths are more roots edits may touch (the paths of a scan, for scan --fix).
	BasePaths []string
}

// Apply plans the fixes of a report, shows them, and writes them as the config allows. It is
// shared by `kubescape fix` and `kubescape scan --fix`.
func Apply(ios *iostreams.IOStreams, rep *finding.Report, cfg Config) error {
	var bases []string
	if cfg.BasePath != "" {
		bases = []string{cfg.BasePath}
	}
	bases = append(bases, cfg.BasePaths...)
	plan, err := fix.Build(rep, fix.Options{BasePaths: bases})
	if err != nil {
		return factory.Usage("%v", err)
	}
	out := ios.Out
	var changed []*fix.FilePlan
	for _, f := range plan.Files {
		if f.Changed() {
			changed = append(changed, f)
		}
	}
	for _, f := range changed {
		if err := writeDiff(out, f); err != nil {
			return factory.Runtime(err)
		}
	}
	printManual(out, "Not fixed automatically (do these by hand):", plan.Manual)
	printManual(out, "Generated objects (not edited; change their source):", plan.Generated)
	printFixed(out, plan, len(changed))

	if len(changed) == 0 || cfg.DryRun {
		return nil
	}
	if !cfg.Yes {
		if !ios.CanPrompt() {
			return factory.Usage("not written: pass --yes to write without a terminal to confirm, or --dry-run to only show the changes")
		}
		fmt.Fprintf(out, "Write these changes to %d file(s)? [y/N] ", len(changed))
		answer, _ := bufio.NewReader(ios.In).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(out, "Nothing written.")
			return nil
		}
	}
	for _, f := range changed {
		if err := writeFile(f); err != nil {
			return factory.Runtime(err)
		}
		fmt.Fprintf(ios.ErrOut, "fixed %s\n", f.Path)
	}
	return nil
}

// writeFile replaces a file's content, keeping its mode, and refuses when the file changed
// since it was read for the plan.
func writeFile(f *fix.FilePlan) error {
	info, err := os.Stat(f.Path)
	if err != nil {
		return err
	}
	now, err := os.ReadFile(f.Path)
	if err != nil {
		return err
	}
	if string(now) != string(f.Old) {
		return fmt.Errorf("%s changed while the fixes were prepared: not written", f.Path)
	}
	tmp, err := os.CreateTemp(dirOf(f.Path), ".kubescape-fix-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(f.New); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), f.Path)
}

func dirOf(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[:i+1]
	}
	return "."
}

func writeDiff(w io.Writer, f *fix.FilePlan) error {
	text, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        difflib.SplitLines(string(f.Old)),
		B:        difflib.SplitLines(string(f.New)),
		FromFile: "a/" + f.Path,
		ToFile:   "b/" + f.Path,
		Context:  3,
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

func printManual(w io.Writer, title string, items []fix.Manual) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", title)
	sort.SliceStable(items, func(i, j int) bool { return items[i].Location < items[j].Location })
	last := ""
	for _, m := range items {
		head := m.Resource + "  " + m.Location
		if head != last {
			fmt.Fprintf(w, "  %s\n", head)
			last = head
		}
		if m.Control != "" {
			fmt.Fprintf(w, "    %s: %s\n", m.Control, m.Message)
		} else {
			fmt.Fprintf(w, "    %s\n", m.Message)
		}
	}
}

func printFixed(w io.Writer, plan *fix.Plan, files int) {
	ids := make([]string, 0, len(plan.Fixed))
	total := 0
	for id, rs := range plan.Fixed {
		ids = append(ids, id)
		total += len(rs)
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\n%d file(s) to change; controls fixed on every finding of a resource: %d", files, total)
	if len(ids) > 0 {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = fmt.Sprintf("%s ×%d", id, len(plan.Fixed[id]))
		}
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
}
