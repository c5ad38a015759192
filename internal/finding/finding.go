// Package finding holds the neutral result types every later stage reads: what a rule found in
// one object, the status of a control on a resource, severities, and the versioned report
// schema that every output format is rendered from.
package finding

import (
	"fmt"
	"strings"
	"time"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Severity is derived from a control's base score.
type Severity int

// Severities, lowest first.
const (
	SeverityUnknown Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

// SeverityFromScore maps a base score to a severity as the reference tool does:
// >= 9 critical, >= 7 high, >= 4 medium, >= 1 low.
func SeverityFromScore(score float64) Severity {
	switch {
	case score >= 9:
		return SeverityCritical
	case score >= 7:
		return SeverityHigh
	case score >= 4:
		return SeverityMedium
	case score >= 1:
		return SeverityLow
	}
	return SeverityUnknown
}

var severityNames = [...]string{"Unknown", "Low", "Medium", "High", "Critical"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "Unknown"
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && strings.EqualFold(n, s) {
			return Severity(i), nil
		}
	}
	return SeverityUnknown, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// MarshalText renders the severity name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	if strings.EqualFold(string(b), "unknown") {
		*s = SeverityUnknown
		return nil
	}
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Status is the outcome of a control, on one resource or overall.
type Status string

// Statuses.
const (
	StatusPassed  Status = "passed"
	StatusFailed  Status = "failed"
	StatusSkipped Status = "skipped"
)

// SubStatusIrrelevant marks a passed control that matched no resource.
const SubStatusIrrelevant = "irrelevant"

// FixPath is a field to set, and the value that fixes the finding.
type FixPath struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// Finding is one problem a rule found in one object.
type Finding struct {
	Message     string    `json:"message"`
	FailedPaths []string  `json:"failedPaths,omitempty"`
	FixPaths    []FixPath `json:"fixPaths,omitempty"`
	ReviewPaths []string  `json:"reviewPaths,omitempty"`
	DeletePaths []string  `json:"deletePaths,omitempty"`
	// Line is the source line of the first path (or of the object), 0 when unknown.
	Line int `json:"line,omitempty"`
	// File is set when the line is in another file than the resource itself: findings on an
	// RBAC subject point into the Role or binding that grants the permission.
	File string `json:"file,omitempty"`
	// Locations places every path of the finding in its source file, in the order failed,
	// fix, delete, review. Empty when the resource has no source file (a live cluster, a
	// rendered Helm chart or Kustomize folder).
	Locations []Location `json:"locations,omitempty"`
}

// Path kinds of a Location.
const (
	PathFailed = "failed"
	PathFix    = "fix"
	PathDelete = "delete"
	PathReview = "review"
)

// Location is where one path of a finding is in its source file.
type Location struct {
	// Kind is failed, fix, delete or review.
	Kind string `json:"kind"`
	Path string `json:"path"`
	// File is set when the location is in another file than the resource itself.
	File   string `json:"file,omitempty"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
	// Parent is true when the field does not exist (a fix that adds it): the position is that
	// of its nearest existing parent.
	Parent bool `json:"parent,omitempty"`
}

// EachPath calls fn for every path of the finding with its kind, in the order failed, fix,
// delete, review.
func (f *Finding) EachPath(fn func(kind, path string)) {
	for _, p := range f.FailedPaths {
		fn(PathFailed, p)
	}
	for _, p := range f.FixPaths {
		fn(PathFix, p.Path)
	}
	for _, p := range f.DeletePaths {
		fn(PathDelete, p)
	}
	for _, p := range f.ReviewPaths {
		fn(PathReview, p)
	}
}

// FirstPath returns the path that best locates the finding: failed, then fix, delete, review.
func (f *Finding) FirstPath() string {
	switch {
	case len(f.FailedPaths) > 0:
		return f.FailedPaths[0]
	case len(f.FixPaths) > 0:
		return f.FixPaths[0].Path
	case len(f.DeletePaths) > 0:
		return f.DeletePaths[0]
	case len(f.ReviewPaths) > 0:
		return f.ReviewPaths[0]
	}
	return ""
}

// SubStatusExcepted marks a failed control an exception covers: it counts as passed.
const SubStatusExcepted = "excepted"

// ExceptionRef names the exception that covers a failed control on a resource.
type ExceptionRef struct {
	Name    string     `json:"name"`
	Reason  string     `json:"reason,omitempty"`
	Source  string     `json:"source"`
	Expires *time.Time `json:"expires,omitempty"`
}

// Result is the outcome of one control on one object.
type Result struct {
	Object    *resource.Object
	ControlID string
	Status    Status
	// Reason says why a resource was skipped (the rule errored or timed out).
	Reason   string
	Findings []Finding
	// Exception, on a failed result, is the exception that covers it: the result then counts
	// as passed, and its findings are kept.
	Exception *ExceptionRef
}
