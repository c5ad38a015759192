// Package list implements `kubescape list frameworks|controls`: what the embedded library holds.
package list

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/policy"
)

// Options of the list command.
type Options struct {
	f         *factory.Factory
	What      string
	Format    string
	Framework string
}

// NewCmd returns `kubescape list`; runF replaces the behaviour in tests.
func NewCmd(f *factory.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{f: f}
	cmd := &cobra.Command{
		Use:       "list frameworks|controls",
		Short:     "List the frameworks and controls of the built-in library",
		Example:   "  kubescape list frameworks\n  kubescape list controls --framework nsa --format json",
		ValidArgs: []string{"frameworks", "controls"},
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 || (args[0] != "frameworks" && args[0] != "controls") {
				return factory.Usage("want exactly one of: frameworks, controls")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.What = args[0]
			if opts.Format != "pretty" && opts.Format != "json" {
				return factory.Usage("--format: want pretty or json, got %q", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "pretty", "output format: pretty or json")
	cmd.Flags().StringVar(&opts.Framework, "framework", "", "list only the controls of this framework")
	return cmd
}

// FrameworkInfo is one framework in `list frameworks --format json`.
type FrameworkInfo struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Controls    int    `json:"controls"`
	Implemented int    `json:"implemented"`
}

// ControlInfo is one control in `list controls --format json`.
type ControlInfo struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	BaseScore  float64          `json:"baseScore"`
	Severity   finding.Severity `json:"severity"`
	Status     string           `json:"status"`
	Frameworks []string         `json:"frameworks"`
}

func run(opts *Options) error {
	c, err := opts.f.Library()
	if err != nil {
		return factory.Runtime(err)
	}
	lib := c.Library
	out := opts.f.IOStreams.Out
	switch opts.What {
	case "frameworks":
		return listFrameworks(out, lib, opts.Format)
	default:
		return listControls(out, lib, opts)
	}
}

func listFrameworks(out io.Writer, lib *policy.Library, format string) error {
	infos := make([]FrameworkInfo, 0, len(lib.Frameworks))
	for _, fw := range lib.Frameworks {
		n := 0
		for _, id := range fw.Controls {
			if lib.Control(id) != nil {
				n++
			}
		}
		infos = append(infos, FrameworkInfo{ID: fw.ID, Name: fw.Name, Description: fw.Description, Controls: len(fw.Controls), Implemented: n})
	}
	if format == "json" {
		return writeJSON(out, infos)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FRAMEWORK\tNAME\tCONTROLS\tIMPLEMENTED\tDESCRIPTION")
	for _, i := range infos {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", i.ID, i.Name, i.Controls, i.Implemented, i.Description)
	}
	return tw.Flush()
}

func listControls(out io.Writer, lib *policy.Library, opts *Options) error {
	ids := map[string]bool{}
	if opts.Framework != "" {
		fw := lib.Framework(opts.Framework)
		if fw == nil {
			return factory.Usage("unknown framework %q", opts.Framework)
		}
		for _, id := range fw.Controls {
			ids[id] = true
		}
	} else {
		for id := range lib.Catalogue {
			ids[id] = true
		}
		for _, c := range lib.Controls {
			ids[c.ID] = true
		}
	}
	fwOf := map[string][]string{}
	for _, fw := range lib.Frameworks {
		for _, id := range fw.Controls {
			fwOf[id] = append(fwOf[id], fw.ID)
		}
	}
	var infos []ControlInfo
	for id := range ids {
		e := lib.Entry(id)
		status := "implemented"
		if r := lib.SkipReason(id); r != "" {
			status = "skipped: " + r
		}
		fws := fwOf[id]
		if fws == nil {
			fws = []string{}
		}
		infos = append(infos, ControlInfo{ID: id, Name: e.Name, BaseScore: e.BaseScore, Severity: finding.SeverityFromScore(e.BaseScore), Status: status, Frameworks: fws})
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].ID < infos[j].ID })
	if opts.Format == "json" {
		if infos == nil {
			infos = []ControlInfo{}
		}
		return writeJSON(out, infos)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tSTATUS")
	for _, i := range infos {
		name := i.Name
		if len(name) > 70 {
			name = name[:69] + "…"
		}
		status := i.Status
		if strings.HasPrefix(status, "skipped: ") {
			status = "skipped (" + shortReason(i.ID, lib) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", i.ID, i.Severity, name, status)
	}
	return tw.Flush()
}

// shortReason names the missing data in a word or two, for the table.
func shortReason(id string, lib *policy.Library) string {
	e := lib.Catalogue[id]
	if e == nil {
		return "unknown"
	}
	switch e.Data {
	case policy.DataHost:
		return "needs host data"
	case policy.DataCloud:
		return "needs cloud data"
	case policy.DataVulnerabilities:
		return "needs vulnerability data"
	case policy.DataManual:
		return "manual review"
	case policy.DataAPIServer:
		return "needs API server version"
	case policy.DataRegistry:
		return "needs registry access"
	}
	return "not implemented yet"
}

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
