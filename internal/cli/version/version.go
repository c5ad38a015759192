// Package version implements `kubescape version`.
package version

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/version"
)

// Options of the version command.
type Options struct {
	f      *factory.Factory
	Format string
}

// NewCmd returns the version command; runF replaces the behaviour in tests.
func NewCmd(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{f: f}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of kubescape",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text or json")
	return cmd
}

func run(opts *Options) error {
	info := version.Get()
	out := opts.f.IOStreams.Out
	switch opts.Format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	case "text", "":
		s := "kubescape " + info.Version
		if info.Commit != "" {
			s += " (" + info.Commit[:min(12, len(info.Commit))]
			if info.Modified {
				s += ", modified"
			}
			s += ")"
		}
		_, err := fmt.Fprintf(out, "%s, %s\n", s, info.GoVersion)
		return err
	}
	return factory.Usage("unknown format %q (want text or json)", opts.Format)
}
