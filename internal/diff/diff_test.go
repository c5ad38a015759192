package diff

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

func report(paths string, resources ...finding.Resource) *finding.Report {
	return &finding.Report{
		SchemaVersion: finding.SchemaVersion,
		Target:        finding.Target{Type: "files", Paths: []string{paths}},
		Summary:       finding.Summary{Complete: true},
		Controls: []finding.Control{
			{ID: "C-0057", Name: "Privileged container", Severity: finding.SeverityHigh, Status: finding.StatusFailed},
			{ID: "C-0016", Name: "Allow privilege escalation", Severity: finding.SeverityMedium, Status: finding.StatusFailed},
			{ID: "C-0270", Name: "Ensure CPU limits are set", Severity: finding.SeverityHigh, Status: finding.StatusFailed},
		},
		Resources: resources,
	}
}

func res(name string, controls ...finding.ResourceControl) finding.Resource {
	return finding.Resource{ResourceID: "apps/v1/shop/Deployment/" + name, Kind: "Deployment", Namespace: "shop", Name: name, Controls: controls}
}

func failed(id string, paths ...string) finding.ResourceControl {
	var fs []finding.Finding
	for _, p := range paths {
		fs = append(fs, finding.Finding{Message: id + " at " + p, FailedPaths: []string{p}})
	}
	return finding.ResourceControl{ControlID: id, Status: finding.StatusFailed, Findings: fs}
}

func ids(es []Entry) string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name+"/"+e.ControlID+"/"+strings.Join(e.Paths, ","))
	}
	return strings.Join(out, " ")
}

func TestCompare(t *testing.T) {
	old := report("deploy",
		res("web", failed("C-0057", "c[0].privileged"), failed("C-0016", "c[0].ape", "c[1].ape")),
		res("api", failed("C-0057", "c[0].privileged")),
		res("gone", failed("C-0016", "c[0].ape")),
	)
	cur := report("deploy",
		res("web", failed("C-0057", "c[0].privileged"), failed("C-0016", "c[1].ape", "c[2].ape")),
		res("api", finding.ResourceControl{ControlID: "C-0057", Status: finding.StatusSkipped, Reason: "rule timed out"}),
		res("new", failed("C-0270", "c[0].cpu")),
	)
	r := Compare(old, cur, Evidence)
	if got := ids(r.Added); got != "new/C-0270/c[0].cpu web/C-0016/c[2].ape" {
		t.Errorf("new: %s", got)
	}
	if got := ids(r.Resolved); got != "gone/C-0016/c[0].ape web/C-0016/c[0].ape" {
		t.Errorf("resolved: %s", got)
	}
	if got := ids(r.Unchanged); got != "web/C-0057/c[0].privileged web/C-0016/c[1].ape" {
		t.Errorf("unchanged: %s", got)
	}
	// Not evaluated in the new scan: neither resolved nor unchanged.
	if got := ids(r.Incomparable); got != "api/C-0057/c[0].privileged" || !strings.Contains(r.Incomparable[0].Reason, "rule timed out") {
		t.Errorf("incomparable: %s %+v", got, r.Incomparable)
	}
	if r.Resolved[0].Reason != "the resource is not in the new scan" {
		t.Errorf("a removed resource is said so: %+v", r.Resolved[0])
	}
	if r.Summary != (Summary{New: 2, Resolved: 2, Unchanged: 2, Incomparable: 1}) || len(r.Warnings) != 0 {
		t.Errorf("summary %+v warnings %v", r.Summary, r.Warnings)
	}

	// By control, web's C-0016 is the same failed control in both.
	r = Compare(old, cur, Control)
	if r.Summary.New != 1 || r.Summary.Unchanged != 2 || r.Summary.Resolved != 1 {
		t.Errorf("control granularity: %+v", r.Summary)
	}
}

func TestCompareSkippedControlIsNotNew(t *testing.T) {
	old := report("deploy", res("web"))
	old.Controls[2].Status = finding.StatusSkipped
	old.Controls[2].SkipReason = "needs configuration"
	cur := report("other", res("web", failed("C-0270", "c[0].cpu")))
	cur.Summary.Complete = false
	r := Compare(old, cur, Evidence)
	if r.Summary.New != 0 || r.Summary.Incomparable != 1 {
		t.Errorf("a control the baseline could not evaluate gives no new finding: %+v", r.Summary)
	}
	if len(r.Warnings) != 2 {
		t.Errorf("different targets and an incomplete scan are warned about: %v", r.Warnings)
	}
}

func TestRender(t *testing.T) {
	old := report("d", res("web", failed("C-0057", "p")))
	cur := report("d", res("web", failed("C-0016", "q|<b>")))
	r := Compare(old, cur, Evidence)
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Render(&buf, r, f); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		switch f {
		case "json":
			var back Result
			if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back.Summary != r.Summary || back.SchemaVersion != SchemaVersion {
				t.Errorf("json: %v %+v", err, back.Summary)
			}
		case "markdown":
			if !strings.Contains(out, "**1 new**") || strings.Contains(out, "<b>") || !strings.Contains(out, `q\|&lt;b&gt;`) {
				t.Errorf("markdown:\n%s", out)
			}
		default:
			if !strings.Contains(out, "New findings (1)") || !strings.Contains(out, "Resolved findings (1)") || !strings.Contains(out, "1 new, 1 resolved, 0 unchanged") {
				t.Errorf("pretty:\n%s", out)
			}
		}
	}
	if err := Render(&bytes.Buffer{}, r, "xml"); err == nil {
		t.Error("an unknown format is an error")
	}
}
