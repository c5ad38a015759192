package policy

import (
	"strings"
	"testing"
)

var defaults = map[string][]string{
	"insecureCapabilities":     {"SYS_ADMIN"},
	"imageRepositoryAllowList": {},
	"max_high_vulnerabilities": {"10"},
}

func TestParseControlsConfigForms(t *testing.T) {
	for name, data := range map[string]string{
		"flat json": `{"imageRepositoryAllowList": ["registry.example.com/"], "max_high_vulnerabilities": [3]}`,
		"wrapped":   `{"settings": {"postureControlInputs": {"imageRepositoryAllowList": ["registry.example.com/"], "max_high_vulnerabilities": ["3"]}}}`,
		"versioned": "apiVersion: kubescape.io/v1\nkind: ControlsConfig\ninputs:\n  imageRepositoryAllowList: [registry.example.com/]\n  max_high_vulnerabilities: 3\n",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParseControlsConfig("c", []byte(data), defaults)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got["imageRepositoryAllowList"], ",") != "registry.example.com/" || strings.Join(got["max_high_vulnerabilities"], ",") != "3" {
				t.Errorf("inputs %v", got)
			}
			if strings.Join(got["insecureCapabilities"], ",") != "SYS_ADMIN" {
				t.Errorf("an input the file does not name keeps its default: %v", got["insecureCapabilities"])
			}
		})
	}
}

func TestParseControlsConfigErrors(t *testing.T) {
	cases := map[string]struct{ data, want string }{
		"unknown input": {"{\"imageRepositoryAlowList\": [\"x\"]}", `c:1: unknown control input "imageRepositoryAlowList"`},
		"not a list":    {"imageRepositoryAllowList: {a: b}\n", "c:1: imageRepositoryAllowList: want a list of strings"},
		"nested list":   {"imageRepositoryAllowList:\n  - [a]\n", "want a list of strings, line 2"},
		"wrong kind":    {"apiVersion: kubescape.io/v1\nkind: Other\n", "c:1: want apiVersion kubescape.io/v1 and kind ControlsConfig"},
		"unknown field": {"apiVersion: kubescape.io/v1\nkind: ControlsConfig\nimputs: {}\n", `c:3: unknown field "imputs"`},
		"twice":         {"max_high_vulnerabilities: [1]\nmax_high_vulnerabilities: [2]\n", "given twice"},
		"not a mapping": {"- a\n", "want a mapping"},
		"broken":        {"a: [\n", "c: yaml"},
		"every problem": {"a: [x]\nb: [y]\n", `c:2: unknown control input "b"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseControlsConfig("c", []byte(tc.data), defaults)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func FuzzParseControlsConfig(f *testing.F) {
	f.Add([]byte(`{"insecureCapabilities": ["A"]}`))
	f.Add([]byte("apiVersion: kubescape.io/v1\nkind: ControlsConfig\ninputs: {insecureCapabilities: [a, 1, true]}\n"))
	f.Add([]byte(`{"settings": {"postureControlInputs": []}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ParseControlsConfig("fuzz", data, defaults)
		if err == nil && got == nil {
			t.Fatal("no inputs and no error")
		}
		if err != nil && got != nil {
			t.Fatal("inputs and an error")
		}
	})
}
