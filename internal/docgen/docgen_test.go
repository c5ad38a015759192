package docgen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/docgen"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/library"
)

// TestDocsAreCurrent fails when docs/controls.md or a framework page differs from what the
// library generates: run `go run ./hack/gendocs` after changing a control or a framework.
func TestDocsAreCurrent(t *testing.T) {
	lib, err := policy.Load(library.FS)
	if err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join("..", "..", "docs")
	pages := docgen.Generate(lib)
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(docs, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/%s is stale: run `go run ./hack/gendocs`", name)
		}
	}
	// Pages of frameworks that no longer exist are stale too.
	entries, _ := os.ReadDir(filepath.Join(docs, "frameworks"))
	for _, e := range entries {
		if _, ok := pages["frameworks/"+e.Name()]; !ok && strings.HasSuffix(e.Name(), ".md") {
			t.Errorf("docs/frameworks/%s belongs to no framework: run `go run ./hack/gendocs`", e.Name())
		}
	}
}
