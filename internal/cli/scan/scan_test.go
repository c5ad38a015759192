package scan

import (
	"errors"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/iostreams"
)

func parse(t *testing.T, args ...string) (*Options, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *Options
	cmd := NewCmd(factory.New(ios), func(o *Options) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	return got, err
}

func TestFlags(t *testing.T) {
	o, err := parse(t, "a.yaml", "dir/", "--format", "json", "-o", "r.json", "-v", "--compliance-threshold", "80", "--severity-threshold", "High")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(o.Paths, ",") != "a.yaml,dir/" || o.Formats[0] != "json" || o.Output != "r.json" || !o.Verbose ||
		!o.ComplianceSet || o.ComplianceThreshold != 80 || o.SeverityThreshold != "High" {
		t.Errorf("options %+v", o)
	}
	o, err = parse(t, "framework", "NSA,mitre", "-", "--compliance-threshold", "0")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(o.Frameworks, ",") != "NSA,mitre" || strings.Join(o.Paths, ",") != "-" || !o.ComplianceSet {
		t.Errorf("framework options %+v (a zero threshold must still count as set)", o)
	}
	o, err = parse(t, "control", "C-0017, C-0057", "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(o.Controls, ",") != "C-0017,C-0057" {
		t.Errorf("controls %v", o.Controls)
	}
	if o.ComplianceSet {
		t.Error("threshold not given must not count as set")
	}
}

func TestValidation(t *testing.T) {
	for _, args := range [][]string{
		{"x", "--kubeconfig", "k"},
		{"--include-namespaces", "a", "--exclude-namespaces", "b"},
		{"x", "--fail-on-new"},
		{"--fix"},
		{"x", "--compliance-threshold", "-1"},
		{"x", "--severity-threshold", "severe"},
		{"x", "--format", "json,pretty"},
		{"x", "--format", "yaml"},
		{"x", "--rule-timeout", "0s"},
	} {
		_, err := parse(t, args...)
		var ee *factory.ExitError
		if !errors.As(err, &ee) || ee.Code != factory.ExitUsage {
			t.Errorf("%v: err %v, want a usage error", args, err)
		}
	}
}
