package markdown_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/markdown"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

func TestContent(t *testing.T) {
	rep := *rendertest.Report(t)
	// A message with Markdown and HTML in it must not break the table or inject markup.
	rep.Controls[0].Name = "Evil | <script>alert(1)</script>"
	rep.Controls[0].Status = finding.StatusFailed
	var buf bytes.Buffer
	if err := markdown.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"## Kubescape scan", "| Framework | Compliance |", "### Failed controls", "C-0057 Privileged container",
		"<details><summary>CronJob shop/nightly-backup", "fix: set `spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged` to `false`",
		"(`examples/online-shop/backup.yaml:18`)", `Evil \| &lt;script&gt;`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>") {
		t.Error("HTML from the report reached the Markdown")
	}
	// Every table row has as many cells as its header.
	var cols int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row %q has %d separators, header %d", line, n, cols)
		}
	}
}
