package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats are the output formats of a comparison.
var Formats = []string{"pretty", "json", "markdown"}

// Render writes the comparison in a format.
func Render(w io.Writer, r *Result, format string) error {
	switch format {
	case "pretty", "":
		return pretty(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "markdown", "md":
		return markdown(w, r)
	}
	return fmt.Errorf("unknown format %q (want one of: %s)", format, strings.Join(Formats, ", "))
}

func name(e Entry) string {
	if e.Namespace != "" {
		return e.Kind + " " + e.Namespace + "/" + e.Name
	}
	return e.Kind + " " + e.Name
}

func loc(e Entry) string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d", e.File, e.Line)
	case e.File != "":
		return e.File
	}
	return ""
}

func pct(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f%%", *v)
}

func pretty(out io.Writer, r *Result) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "Compared %s (compliance %s) with %s (compliance %s), by %s\n",
		r.Old.GeneratedAt, pct(r.Old.Compliance), r.New.GeneratedAt, pct(r.New.Compliance), r.Granularity)
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	section := func(title string, es []Entry, withReason bool) {
		if len(es) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d)\n", title, len(es))
		for _, e := range es {
			fmt.Fprintf(w, "  %-8s %s %s  %s", e.Severity, e.ControlID, name(e), loc(e))
			fmt.Fprintf(w, "\n           %s\n", e.Message)
			if withReason && e.Reason != "" {
				fmt.Fprintf(w, "           (%s)\n", e.Reason)
			}
		}
	}
	section("New findings", r.Added, false)
	section("Resolved findings", r.Resolved, true)
	section("Not comparable", r.Incomparable, true)
	s := r.Summary
	fmt.Fprintf(w, "\n%d new, %d resolved, %d unchanged, %d not comparable\n", s.New, s.Resolved, s.Unchanged, s.Incomparable)
	return w.Flush()
}

func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}

func markdown(out io.Writer, r *Result) error {
	w := bufio.NewWriter(out)
	s := r.Summary
	fmt.Fprintf(w, "## Kubescape: changes since the baseline\n\n")
	fmt.Fprintf(w, "**%d new**, %d resolved, %d unchanged, %d not comparable. Compliance %s → %s.\n\n",
		s.New, s.Resolved, s.Unchanged, s.Incomparable, pct(r.Old.Compliance), pct(r.New.Compliance))
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "> [!WARNING]\n> %s\n\n", cell(warn))
	}
	table := func(title string, es []Entry) {
		if len(es) == 0 {
			return
		}
		fmt.Fprintf(w, "### %s\n\n| Severity | Control | Resource | Where | Finding |\n| --- | --- | --- | --- | --- |\n", title)
		for _, e := range es {
			where := loc(e)
			if where != "" {
				where = "`" + where + "`"
			}
			msg := e.Message
			if e.Reason != "" {
				msg += " (" + e.Reason + ")"
			}
			fmt.Fprintf(w, "| %s | %s %s | %s | %s | %s |\n", e.Severity, e.ControlID, cell(e.ControlName), cell(name(e)), where, cell(msg))
		}
		fmt.Fprintln(w)
	}
	table("New findings", r.Added)
	table("Resolved findings", r.Resolved)
	table("Not comparable", r.Incomparable)
	return w.Flush()
}
