// Package source defines what every input (files, stdin, Helm, Kustomize, a cluster) hands to a
// scan: the objects it read and the problems it met on the way.
package source

import (
	"fmt"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Level says how a problem affects a scan.
type Level string

const (
	// LevelError means part of the input could not be read: the scan is incomplete.
	LevelError Level = "error"
	// LevelSkipped means a part of the input was deliberately not scanned (for example a YAML
	// document that is not a Kubernetes object). It is reported, but the scan is complete.
	LevelSkipped Level = "skipped"
)

// Problem is something in the input the user should know about.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	loc := p.Path
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s: %s", loc, p.Message)
}

// Result is what a source produced.
type Result struct {
	Objects  []*resource.Object
	Problems []Problem
}

// Incomplete reports whether any problem means that part of the input was not scanned.
func (r *Result) Incomplete() bool {
	for _, p := range r.Problems {
		if p.Level == LevelError {
			return true
		}
	}
	return false
}

// Location is where a field path of an object is in its source file.
type Location struct {
	resource.Position
	// Exact is false when the field does not exist (a fix that adds it) and the position is
	// that of its nearest existing parent.
	Exact bool
}

// Locator maps a field path inside an object back to its source.
type Locator interface {
	// Locate returns the position of the deepest existing node on path (for example
	// "spec.containers[0].image"), or the object's own position when the path cannot be
	// followed. A zero Line means the object has no known position.
	Locate(obj *resource.Object, path string) Location
}
