// Package rendertest gives the output formats' tests the shared report fixture
// (internal/render/testdata/report.json, a real scan; hack/gen-render-fixture.sh rewrites it).
package rendertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/finding"
)

// Report loads a fresh copy of the shared report fixture.
func Report(t testing.TB) *finding.Report {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "testdata", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep
}
