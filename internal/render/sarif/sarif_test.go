package sarif_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
	"github.com/kubescape-ng/kubescape/internal/render/sarif"
)

func loadReport(t *testing.T) *finding.Report { return rendertest.Report(t) }

// TestSchema validates the SARIF output against the official SARIF 2.1.0 JSON Schema.
func TestSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	schema, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	// An excepted control becomes a suppressed result: check that shape against the schema too.
	excepted := loadReport(t)
	for i := range excepted.Resources {
		for j := range excepted.Resources[i].Controls {
			c := &excepted.Resources[i].Controls[j]
			if c.Status == finding.StatusFailed {
				c.Status, c.SubStatus = finding.StatusPassed, finding.SubStatusExcepted
				c.Exception = &finding.ExceptionRef{Name: "accepted", Reason: "reviewed", Source: "exceptions.yaml:3"}
				break
			}
		}
	}
	var ex bytes.Buffer
	if err := sarif.New().Render(&ex, excepted, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(ex.Bytes(), []byte(`"suppressions"`)) {
		t.Error("an excepted control is a suppressed result")
	}
	exDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ex.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(exDoc); err != nil {
		t.Fatalf("suppressed results do not match the schema: %v", err)
	}
	for _, root := range []string{"", "/work/repo"} {
		var buf bytes.Buffer
		if err := sarif.New().Render(&buf, loadReport(t), render.Options{Root: root}); err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Fatalf("root %q: SARIF output does not match the SARIF 2.1.0 schema: %v", root, err)
		}
	}
}

type sarifLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
					Help                 struct{ Text string }
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           struct{ StartLine, StartColumn int }
				}
			}
			RelatedLocations    []json.RawMessage
			PartialFingerprints map[string]string
		}
	}
}

// TestContent checks what code scanning relies on: rule levels and security-severity from the
// base score, one result per failed resource and control, located at the failing field.
func TestContent(t *testing.T) {
	rep := loadReport(t)
	root, _ := os.Getwd() // the report's relative paths are relative to where the scan ran
	var buf bytes.Buffer
	if err := sarif.New().Render(&buf, rep, render.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	want := 0
	for _, r := range rep.Resources {
		for _, c := range r.Controls {
			if c.Status == finding.StatusFailed {
				want++
			}
		}
	}
	if len(run.Results) != want || want == 0 {
		t.Fatalf("%d results, want one per failed resource and control (%d)", len(run.Results), want)
	}
	scores := map[string]float64{}
	for _, c := range rep.Controls {
		scores[c.ID] = c.BaseScore
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Properties["security-severity"] == "" || r.Help.Text == "" {
			t.Errorf("rule %s lacks security-severity or help", r.ID)
		}
		s := scores[r.ID]
		wantLevel := map[bool]string{true: "error", false: map[bool]string{true: "warning", false: "note"}[s >= 4]}[s >= 9]
		if r.DefaultConfiguration.Level != wantLevel {
			t.Errorf("rule %s (score %v) level %s, want %s", r.ID, s, r.DefaultConfiguration.Level, wantLevel)
		}
	}
	found := false
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s points at rule %d", r.RuleID, r.RuleIndex)
		}
		if len(r.PartialFingerprints) == 0 {
			t.Errorf("result %s has no fingerprint", r.RuleID)
		}
		loc := r.Locations[0].PhysicalLocation
		if strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.HasPrefix(loc.ArtifactLocation.URI, "file:") {
			t.Errorf("result %s: URI %s is not relative to the root", r.RuleID, loc.ArtifactLocation.URI)
		}
		// C-0057 on the backup CronJob: at the privileged field, line 18 column 17.
		if r.RuleID == "C-0057" && loc.ArtifactLocation.URI == "examples/online-shop/backup.yaml" {
			found = true
			if loc.ArtifactLocation.URIBaseID != "ROOTPATH" || loc.Region.StartLine != 18 || loc.Region.StartColumn != 17 {
				t.Errorf("C-0057 located at %+v", loc)
			}
		}
	}
	if !found {
		t.Error("no C-0057 result on examples/online-shop/backup.yaml")
	}
}
