// Package diff implements `kubescape diff OLD.json NEW.json`.
package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/diff"
	"github.com/kubescape-ng/kubescape/internal/finding"
)

// Options of the diff command.
type Options struct {
	f *factory.Factory

	Old, New    string
	Format      string
	Output      string
	FailOnNew   bool
	Granularity string
}

// NewCmd returns `kubescape diff`; runF replaces the behaviour in tests.
func NewCmd(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{f: f}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: new, resolved and unchanged findings",
		Long: `Compare two JSON reports of kubescape scan. A finding is the same in both when its
resource, control and failing fields are the same (--granularity evidence), or its
resource and control (--granularity control); lines and messages may change.

Findings of a control that one of the scans could not evaluate are listed as not
comparable, never as new or resolved.

Exit codes: 0, or 1 with --fail-on-new when there are new findings; 2 for usage
errors (an unreadable report).`,
		Example: `  kubescape diff baseline.json report.json
  kubescape diff baseline.json report.json --format markdown --output diff.md --fail-on-new`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", "pretty", "output format: "+strings.Join(diff.Formats, ", "))
	fl.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	fl.BoolVar(&opts.FailOnNew, "fail-on-new", false, "exit 1 when the new report has findings the old one does not")
	fl.StringVar(&opts.Granularity, "granularity", string(diff.Evidence), "what counts as the same finding: evidence (control and fields) or control")
	return cmd
}

// ReadReport reads a JSON report of kubescape scan.
func ReadReport(path string) (*finding.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("%s is not a kubescape JSON report: %w", path, err)
	}
	if rep.SchemaVersion != finding.SchemaVersion {
		return nil, fmt.Errorf("%s: report schema %q, want %q (a JSON report of `kubescape scan --format json`)", path, rep.SchemaVersion, finding.SchemaVersion)
	}
	return &rep, nil
}

// ParseGranularity checks a --granularity value.
func ParseGranularity(s string) (diff.Granularity, error) {
	switch g := diff.Granularity(strings.ToLower(s)); g {
	case diff.Evidence, diff.Control:
		return g, nil
	}
	return "", fmt.Errorf("--granularity must be evidence or control, got %q", s)
}

func run(opts *Options) error {
	g, err := ParseGranularity(opts.Granularity)
	if err != nil {
		return factory.Usage("%v", err)
	}
	if !validFormat(opts.Format) {
		return factory.Usage("--format must be one of %s", strings.Join(diff.Formats, ", "))
	}
	oldRep, err := ReadReport(opts.Old)
	if err != nil {
		return factory.Usage("%v", err)
	}
	newRep, err := ReadReport(opts.New)
	if err != nil {
		return factory.Usage("%v", err)
	}
	res := diff.Compare(oldRep, newRep, g)
	if err := Write(opts.f.IOStreams.Out, opts.Output, res, opts.Format); err != nil {
		return factory.Runtime(err)
	}
	if opts.Output != "" {
		fmt.Fprintf(opts.f.IOStreams.ErrOut, "wrote %s diff to %s\n", opts.Format, opts.Output)
	}
	return Verdict(res, opts.FailOnNew)
}

func validFormat(f string) bool {
	for _, x := range diff.Formats {
		if strings.EqualFold(x, f) {
			return true
		}
	}
	return false
}

// Write renders a comparison to a file, or to w when path is empty.
func Write(w io.Writer, path string, res *diff.Result, format string) error {
	if path == "" {
		return diff.Render(w, res, strings.ToLower(format))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := diff.Render(f, res, strings.ToLower(format)); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// Verdict is exit 1 when new findings appeared and the user asked to fail on them.
func Verdict(res *diff.Result, failOnNew bool) error {
	if failOnNew && res.Summary.New > 0 {
		return &factory.ExitError{Code: factory.ExitThreshold, Err: fmt.Errorf("%d new findings since the baseline", res.Summary.New)}
	}
	return nil
}
