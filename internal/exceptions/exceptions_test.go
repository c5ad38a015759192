package exceptions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

func pod(ns, name string, labels, annotations map[string]any) *resource.Object {
	meta := map[string]any{"name": name, "namespace": ns}
	if labels != nil {
		meta["labels"] = labels
	}
	if annotations != nil {
		meta["annotations"] = annotations
	}
	return &resource.Object{APIVersion: "v1", Kind: "Pod", Namespace: ns, Name: name, Source: resource.Source{Item: -1}, Object: map[string]any{
		"apiVersion": "v1", "kind": "Pod", "metadata": meta,
		"spec": map[string]any{"containers": []any{map[string]any{"name": "app"}, map[string]any{"name": "sidecar"}}},
	}}
}

func reference(t *testing.T, attrs string, policies string) *Exception {
	t.Helper()
	data := `[{"name": "e", "policyType": "postureExceptionPolicy", "resources": [{"designatorType": "Attributes", "attributes": ` + attrs + `}]`
	if policies != "" {
		data += `, "posturePolicies": ` + policies
	}
	data += `}]`
	ex, err := Parse("x.json", []byte(data))
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return ex[0]
}

func apply(e *Exception, o *resource.Object, control string, score float64, frameworks []string, findings ...finding.Finding) bool {
	if len(findings) == 0 {
		findings = []finding.Finding{{Message: "m", FailedPaths: []string{"spec.containers[0].securityContext.privileged"}}}
	}
	r := []finding.Result{{Object: o, ControlID: control, Status: finding.StatusFailed, Findings: findings}}
	set := &Set{Exceptions: []*Exception{e}, Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	set.Apply(r, func(id string) ControlInfo { return ControlInfo{ID: id, BaseScore: score, Frameworks: frameworks} }, "prod-eu", false)
	return r[0].Exception != nil
}

// TestReferenceDesignators covers every designator attribute and posture policy field of the
// reference format.
func TestReferenceDesignators(t *testing.T) {
	web := pod("shop", "web-1", map[string]any{"team": "payments"}, map[string]any{"owner": "alice"})
	tests := []struct {
		name     string
		attrs    string
		policies string
		control  string
		want     bool
	}{
		{"namespace", `{"namespace": "shop"}`, "", "C-0057", true},
		{"namespace mismatch", `{"namespace": "other"}`, "", "C-0057", false},
		{"namespace case-insensitive", `{"namespace": "SHOP"}`, "", "C-0057", true},
		{"kind", `{"kind": "pod"}`, "", "C-0057", true},
		{"name regex", `{"name": "web-[0-9]+"}`, "", "C-0057", true},
		{"name regex is anchored", `{"name": "web"}`, "", "C-0057", false},
		{"resourceID", `{"resourceID": "/v1/shop/Pod/web-1"}`, "", "C-0057", true},
		{"cluster", `{"cluster": "prod-.*"}`, "", "C-0057", true},
		{"cluster mismatch", `{"cluster": "staging"}`, "", "C-0057", false},
		{"label", `{"team": "pay.*"}`, "", "C-0057", true},
		{"annotation", `{"owner": "ALICE"}`, "", "C-0057", true},
		{"label missing", `{"tier": ".*"}`, "", "C-0057", false},
		{"path", `{"namespace": "shop", "path": ".*privileged"}`, "", "C-0057", true},
		{"path mismatch", `{"namespace": "shop", "path": ".*hostNetwork"}`, "", "C-0057", false},
		{"containerName", `{"containerName": "app"}`, "", "C-0057", true},
		{"containerName mismatch", `{"containerName": "sidecar"}`, "", "C-0057", false},
		{"all attributes must match", `{"namespace": "shop", "kind": "Deployment"}`, "", "C-0057", false},
		{"no recognised attribute matches nothing", `{}`, "", "C-0057", false},
		{"controlID", `{"namespace": "shop"}`, `[{"controlID": "c-0057"}]`, "C-0057", true},
		{"controlID mismatch", `{"namespace": "shop"}`, `[{"controlID": "C-0016"}]`, "C-0057", false},
		{"controlID regex", `{"namespace": "shop"}`, `[{"controlID": "C-00(16|57)"}]`, "C-0057", true},
		{"frameworkName", `{"namespace": "shop"}`, `[{"frameworkName": "nsa"}]`, "C-0057", true},
		{"frameworkName mismatch", `{"namespace": "shop"}`, `[{"frameworkName": "MITRE"}]`, "C-0057", false},
		{"severityScore", `{"namespace": "shop"}`, `[{"severityScore": "8"}]`, "C-0057", true},
		{"policy fields all match", `{"namespace": "shop"}`, `[{"controlID": "C-0057", "frameworkName": "MITRE"}]`, "C-0057", false},
		{"any policy", `{"namespace": "shop"}`, `[{"controlID": "C-0016"}, {"controlID": "C-0057"}]`, "C-0057", true},
	}
	for _, tc := range tests {
		e := reference(t, tc.attrs, tc.policies)
		if got := apply(e, web, tc.control, 8, []string{"NSA", "nsa"}); got != tc.want {
			t.Errorf("%s: covered = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPathsMustAllBeCovered(t *testing.T) {
	e := reference(t, `{"namespace": "shop", "path": ".*privileged"}`, "")
	f1 := finding.Finding{Message: "a", FailedPaths: []string{"spec.containers[0].securityContext.privileged"}}
	f2 := finding.Finding{Message: "b", FailedPaths: []string{"spec.hostNetwork"}}
	if apply(e, pod("shop", "w", nil, nil), "C-0057", 8, nil, f1, f2) {
		t.Error("an exception for one path does not cover a control that also fails elsewhere")
	}
}

func TestObjectSelectorAndExpiry(t *testing.T) {
	data := `[{"name": "sel", "policyType": "postureExceptionPolicy", "expirationDate": "2026-01-01",
		"objectSelector": {"matchLabels": {"team": "payments"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}}]`
	ex, err := Parse("x.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	e := ex[0]
	o := pod("shop", "w", map[string]any{"team": "payments"}, nil)
	r := []finding.Result{{Object: o, ControlID: "C-0057", Status: finding.StatusFailed, Findings: []finding.Finding{{Message: "m"}}}}
	set := &Set{Exceptions: ex, Now: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
	set.Apply(r, func(id string) ControlInfo { return ControlInfo{ID: id} }, "", false)
	if r[0].Exception == nil {
		t.Fatal("the selector matches and the exception is in force")
	}
	r[0].Exception = nil
	set.Now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	audit, _ := set.Apply(r, func(id string) ControlInfo { return ControlInfo{ID: id} }, "", false)
	if r[0].Exception != nil || !e.Expired(set.Now) || audit.ExpiredHits[e] != 1 || audit.Matched[e] != 0 {
		t.Errorf("an expired exception no longer applies and is counted as such: %+v %+v", r[0].Exception, audit)
	}
	db := pod("shop", "db", map[string]any{"team": "payments", "tier": "db"}, nil)
	if apply(e, db, "C-0057", 8, nil) {
		t.Error("NotIn excludes tier=db")
	}
}

func TestInline(t *testing.T) {
	o := pod("shop", "w", nil, map[string]any{AnnotationSkipControls: "C-0057, c-0016", AnnotationSkipReason: "reviewed", AnnotationSkipExpiry: "2099-01-01"})
	ex := Inline(o)
	if len(ex) != 1 || ex[0].Reason != "reviewed" || ex[0].Expires == nil {
		t.Fatalf("inline %+v", ex)
	}
	for id, want := range map[string]bool{"C-0057": true, "C-0016": true, "C-0017": false} {
		if got := apply(ex[0], o, id, 5, nil); got != want {
			t.Errorf("%s covered %v, want %v", id, got, want)
		}
	}
	// Another object does not profit from this one's annotation.
	if apply(ex[0], pod("shop", "other", nil, nil), "C-0057", 5, nil) {
		t.Error("an inline exception covers its own object only")
	}
	bad := Inline(pod("shop", "w", nil, map[string]any{AnnotationSkipControls: "*", AnnotationSkipExpiry: "soon"}))
	if !bad[0].Expired(time.Now()) {
		t.Error("an unreadable expiry is treated as expired, never as forever")
	}
	if Inline(pod("shop", "w", nil, nil)) != nil {
		t.Error("no annotation, no exception")
	}
}

// TestDecodeFiles reads testdata/valid-* (they must parse) and testdata/invalid-* (they must be
// refused, with a line in the message).
func TestDecodeFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	if len(files) < 6 {
		t.Fatalf("only %d test files", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := Parse(f, data)
		switch {
		case strings.HasPrefix(filepath.Base(f), "valid-"):
			if err != nil || len(ex) == 0 {
				t.Errorf("%s: %v", f, err)
			}
		case strings.HasPrefix(filepath.Base(f), "invalid-"):
			if err == nil {
				t.Errorf("%s: accepted", f)
			} else if !strings.Contains(err.Error(), f+":") {
				t.Errorf("%s: the error does not locate the problem: %v", f, err)
			}
		}
	}
	// Every problem of a file is reported at once.
	data, _ := os.ReadFile(filepath.Join("testdata", "invalid-missing-fields.yaml"))
	_, err := Parse("m.yaml", data)
	for _, want := range []string{"needs a name", "needs a reason", "needs at least one entry", "defined twice", "expires \"next tuesday\""} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
	// The own format compiles controls × frameworks into policies.
	data, _ = os.ReadFile(filepath.Join("testdata", "valid-own.yaml"))
	ex, _ := Parse("o.yaml", data)
	if len(ex) != 1 || len(ex[0].Policies) != 2 || ex[0].Expires == nil || ex[0].Source != "o.yaml:4" {
		t.Errorf("own format: %+v", ex)
	}
	// Other policy types of the reference file are not posture exceptions.
	data, _ = os.ReadFile(filepath.Join("testdata", "valid-reference.json"))
	ex, _ = Parse("r.json", data)
	if len(ex) != 2 {
		t.Errorf("reference: %d exceptions, want 2", len(ex))
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := Parse("f", data)
		if err != nil {
			return
		}
		o := pod("ns", "n", map[string]any{"a": "b"}, nil)
		r := []finding.Result{{Object: o, ControlID: "C-0001", Status: finding.StatusFailed, Findings: []finding.Finding{{Message: "m", FailedPaths: []string{"spec.containers[1].image"}}}}}
		set := &Set{Exceptions: ex, Now: time.Now()}
		set.Apply(r, func(id string) ControlInfo { return ControlInfo{ID: id} }, "c", true)
	})
}
