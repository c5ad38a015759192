// Command gendocs writes the control and framework reference pages under docs/ from the
// embedded library:
//
//	go run ./hack/gendocs
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/docgen"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/library"
)

func main() {
	lib, err := policy.Load(library.FS)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	pages := docgen.Generate(lib)
	dir := filepath.Join("docs", "frameworks")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	// Remove pages of frameworks that no longer exist.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := pages["frameworks/"+e.Name()]; !ok && strings.HasSuffix(e.Name(), ".md") {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	for name, data := range pages {
		if err := os.WriteFile(filepath.Join("docs", name), data, 0o644); err != nil { //nolint:gosec // documentation is world-readable
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("wrote %d pages under docs/\n", len(pages))
}
