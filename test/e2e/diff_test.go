package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Scan, change the manifests, scan again: diff and scan --baseline tell what changed.
func TestDiffAndBaseline(t *testing.T) {
	dir := writeTree(t, map[string]string{"pod.yaml": privilegedPod})
	base := filepath.Join(t.TempDir(), "base.json")
	wantCode(t, run(t, "", "scan", dir, "--format", "json", "--output", base), 0)

	// Fix the privileged flag, add a host-network pod.
	fixed := strings.Replace(privilegedPod, "privileged: true", "privileged: false", 1)
	hostNet := strings.Replace(strings.Replace(privilegedPod, "name: bad", "name: hostnet", 1), "spec:\n", "spec:\n  hostNetwork: true\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "pod.yaml"), []byte(fixed+"---\n"+hostNet), 0o600); err != nil {
		t.Fatal(err)
	}
	cur := filepath.Join(t.TempDir(), "cur.json")
	wantCode(t, run(t, "", "scan", dir, "--format", "json", "--output", cur), 0)

	r := run(t, "", "diff", base, cur)
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "New findings", "C-0041 Pod hostnet", "Resolved findings", "C-0057 Pod bad")

	r = run(t, "", "diff", base, cur, "--format", "json", "--fail-on-new")
	wantCode(t, r, 1)
	var res struct {
		Summary struct{ New, Resolved, Unchanged int }
		New     []struct{ ControlID, Name string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Summary.New == 0 || res.Summary.Resolved == 0 || res.Summary.Unchanged == 0 {
		t.Errorf("summary %+v", res.Summary)
	}
	hostnet := false
	for _, e := range res.New {
		// The fixed pod's C-0016 now fails on the unset allowPrivilegeEscalation instead of
		// the privileged flag: new evidence, so a new finding at this granularity.
		if e.Name == "bad" && e.ControlID == "C-0057" {
			t.Errorf("the fixed control is not new: %+v", e)
		}
		hostnet = hostnet || (e.Name == "hostnet" && e.ControlID == "C-0041")
	}
	if !hostnet {
		t.Error("C-0041 on the new pod is not listed as new")
	}
	r = run(t, "", "diff", base, cur, "--format", "markdown")
	wantCode(t, r, 0)
	wantContains(t, r.stdout, "## Kubescape: changes since the baseline", "| Severity | Control |")

	// The same in one step, with the JSON report on stdout kept clean.
	r = run(t, "", "scan", dir, "--baseline", base, "--fail-on-new", "--format", "json")
	wantCode(t, r, 1)
	wantContains(t, r.stderr, "New findings", "new findings since the baseline")
	if err := json.Unmarshal([]byte(r.stdout), &map[string]any{}); err != nil {
		t.Errorf("stdout is not the JSON report: %v", err)
	}
	// No new findings: exit 0.
	wantCode(t, run(t, "", "scan", dir, "--baseline", cur, "--fail-on-new"), 0)
	// Bad input is a usage error.
	wantCode(t, run(t, "", "diff", base, filepath.Join(dir, "pod.yaml")), 2)
	wantCode(t, run(t, "", "scan", dir, "--fail-on-new"), 2)
}
