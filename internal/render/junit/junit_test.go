package junit_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/junit"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

func renderFixture(t *testing.T) (*finding.Report, []byte) {
	t.Helper()
	rep := *rendertest.Report(t)
	var buf bytes.Buffer
	if err := junit.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	return &rep, buf.Bytes()
}

// TestXSD validates the output against a JUnit XSD with xmllint (Debian: libxml2-utils, which
// .ci/run installs).
func TestXSD(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing: install libxml2-utils")
		}
		t.Skip("SKIPPED: xmllint not found (apt-get install libxml2-utils); the JUnit output was not validated against the XSD")
	}
	_, out := renderFixture(t)
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, out, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), file)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("JUnit output does not validate: %v\n%s", err, msg)
	}
	// The check can fail: a testcase with two outcomes is refused.
	bad := bytes.Replace(out, []byte("<skipped "), []byte("<failure message=\"x\"></failure><skipped "), 1)
	if err := os.WriteFile(file, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), file).Run(); err == nil {
		t.Fatal("the XSD accepted a testcase with both a failure and a skip")
	}
}

type suites struct {
	Tests, Failures, Skipped int `xml:",attr"`
	Suites                   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestContent(t *testing.T) {
	rep, out := renderFixture(t)
	var s suites
	if err := xml.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Suites) != len(rep.Frameworks) {
		t.Fatalf("%d suites for %d frameworks", len(s.Suites), len(rep.Frameworks))
	}
	fw := rep.Frameworks[0]
	suite := s.Suites[0]
	if suite.Name != fw.Name || suite.Tests != len(fw.ControlIDs) || suite.Failures != fw.Controls.Failed {
		t.Errorf("suite %s: %d tests %d failures; framework has %d controls, %d failed", suite.Name, suite.Tests, suite.Failures, len(fw.ControlIDs), fw.Controls.Failed)
	}
	if len(suite.Properties) == 0 || suite.Properties[0].Name != "complianceScore" {
		t.Errorf("properties %+v", suite.Properties)
	}
	found := false
	for _, c := range suite.Cases {
		if strings.HasPrefix(c.Name, "C-0057 ") {
			found = true
			if c.Failure == nil || !strings.Contains(c.Failure.Text, "CronJob shop/nightly-backup") || !strings.Contains(c.Failure.Text, "privileged to false") {
				t.Errorf("C-0057 failure lists the failed resource and the fix: %+v", c.Failure)
			}
		}
	}
	if !found {
		t.Error("no C-0057 test case")
	}
}
