// Package junit renders a report as JUnit XML, the test-report format CI systems (Jenkins,
// GitLab, Azure DevOps, GitHub actions) display: a test suite per framework, with its compliance
// score as a property, and a test case per control.
package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes JUnit XML.
type Renderer struct{}

// New returns the JUnit renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "junit" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".xml" }

type testsuites struct {
	XMLName  xml.Name    `xml:"testsuites"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Suites   []testsuite `xml:"testsuite"`
}

type testsuite struct {
	Name       string     `xml:"name,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Time       string     `xml:"time,attr"`
	Timestamp  string     `xml:"timestamp,attr,omitempty"`
	Properties []property `xml:"properties>property"`
	Cases      []testcase `xml:"testcase"`
}

type property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type testcase struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	Failure   *failure `xml:"failure,omitempty"`
	Skipped   *skipped `xml:"skipped,omitempty"`
}

type failure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type skipped struct {
	Message string `xml:"message,attr"`
}

// Render implements render.Renderer.
func (*Renderer) Render(w io.Writer, rep *finding.Report, _ render.Options) error {
	controls := map[string]*finding.Control{}
	var all []string
	for i := range rep.Controls {
		controls[rep.Controls[i].ID] = &rep.Controls[i]
		all = append(all, rep.Controls[i].ID)
	}
	failedOn := failedResources(rep)
	ts := testsuites{Name: "kubescape", Time: "0"}
	stamp := ""
	if !rep.GeneratedAt.IsZero() {
		stamp = rep.GeneratedAt.UTC().Format("2006-01-02T15:04:05")
	}
	add := func(name string, score *float64, risk float64, ids []string) {
		s := testsuite{Name: name, Time: "0", Timestamp: stamp}
		s.Properties = append(s.Properties, property{Name: "complianceScore", Value: scoreText(score)},
			property{Name: "riskScore", Value: strconv.FormatFloat(risk, 'f', 2, 64)})
		for _, id := range ids {
			c := controls[id]
			if c == nil {
				continue
			}
			s.Cases = append(s.Cases, testCase(name, c, failedOn[id]))
			s.Tests++
			switch c.Status {
			case finding.StatusFailed:
				s.Failures++
			case finding.StatusSkipped:
				s.Skipped++
			}
		}
		ts.Suites = append(ts.Suites, s)
		ts.Tests += s.Tests
		ts.Failures += s.Failures
		ts.Skipped += s.Skipped
	}
	if len(rep.Frameworks) == 0 {
		add("kubescape", rep.Summary.ComplianceScore, rep.Summary.RiskScore, all)
	}
	for _, fw := range rep.Frameworks {
		add(fw.Name, fw.ComplianceScore, fw.RiskScore, fw.ControlIDs)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(ts); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func scoreText(s *float64) string {
	if s == nil {
		return "n/a"
	}
	return strconv.FormatFloat(*s, 'f', 2, 64)
}

// failedResources lists, per control, the failed resources with their findings.
func failedResources(rep *finding.Report) map[string][]string {
	out := map[string][]string{}
	for _, r := range rep.Resources {
		name := r.Title()
		loc := ""
		if r.Source != nil && r.Source.Path != "" {
			loc = " (" + r.Source.Path
			if r.Source.Line > 0 {
				loc += ":" + strconv.Itoa(r.Source.Line)
			}
			loc += ")"
		}
		for _, c := range r.Controls {
			if c.Status != finding.StatusFailed {
				continue
			}
			var b strings.Builder
			b.WriteString(name + loc + "\n")
			for _, f := range c.Findings {
				fmt.Fprintf(&b, "  - %s\n", f.Message)
				for _, fx := range f.FixPaths {
					if strings.HasPrefix(fx.Value, "YOUR_") {
						fmt.Fprintf(&b, "    fix: set %s (to a value you choose)\n", fx.Path)
					} else {
						fmt.Fprintf(&b, "    fix: set %s to %s\n", fx.Path, fx.Value)
					}
				}
				for _, d := range f.DeletePaths {
					fmt.Fprintf(&b, "    fix: remove %s\n", d)
				}
			}
			out[c.ControlID] = append(out[c.ControlID], b.String())
		}
	}
	for id := range out {
		sort.Strings(out[id])
	}
	return out
}

func testCase(suite string, c *finding.Control, failed []string) testcase {
	tc := testcase{Name: c.ID + " " + c.Name, Classname: suite, Time: "0"}
	switch c.Status {
	case finding.StatusFailed:
		text := strings.Join(failed, "")
		if c.Remediation != "" {
			text += "\nRemediation: " + c.Remediation + "\n"
		}
		tc.Failure = &failure{
			Message: fmt.Sprintf("%d of %d resources failed %s (%s, compliance %s%%)", c.Resources.Failed, c.Resources.Total, c.ID, c.Severity, scoreText(c.ComplianceScore)),
			Type:    c.Severity.String(),
			Text:    text,
		}
	case finding.StatusSkipped:
		tc.Skipped = &skipped{Message: c.SkipReason}
	}
	return tc
}
