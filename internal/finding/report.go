package finding

import (
	"time"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// SchemaVersion names the version of the JSON report. It changes only when a field is removed
// or changes meaning; fields may be added within a version. docs/report.schema.json describes it.
const SchemaVersion = "kubescape.report/v1"

// Report is the complete result of a scan, the document every output format is rendered from.
type Report struct {
	SchemaVersion string         `json:"schemaVersion"`
	GeneratedAt   time.Time      `json:"generatedAt"`
	Generator     Generator      `json:"generator"`
	Target        Target         `json:"target"`
	Summary       Summary        `json:"summary"`
	Frameworks    []Framework    `json:"frameworks"`
	Controls      []Control      `json:"controls"`
	Resources     []Resource     `json:"resources"`
	InputProblems []InputProblem `json:"inputProblems"`
	// Exceptions audits every exception of the scan: what it matched, whether it expired.
	Exceptions []ExceptionAudit `json:"exceptions,omitempty"`
}

// ExceptionAudit is what one exception did in a scan.
type ExceptionAudit struct {
	Name    string     `json:"name"`
	Source  string     `json:"source"`
	Reason  string     `json:"reason,omitempty"`
	Expires *time.Time `json:"expires,omitempty"`
	// Matched counts the failed controls on resources it covered.
	Matched int `json:"matched"`
	// Expired is true when the exception no longer applies; ExpiredMatches counts what it
	// would still have covered.
	Expired        bool `json:"expired,omitempty"`
	ExpiredMatches int  `json:"expiredMatches,omitempty"`
	// Stale is true when an exception in force matched nothing: it can probably go.
	Stale bool `json:"stale,omitempty"`
}

// Generator names the tool that wrote the report.
type Generator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Target says what was scanned.
type Target struct {
	// Type is "files" (manifests, stdin) or "cluster".
	Type  string   `json:"type"`
	Paths []string `json:"paths,omitempty"`
	// Context, Server and Version describe the cluster of a cluster scan.
	Context            string   `json:"context,omitempty"`
	Server             string   `json:"server,omitempty"`
	Version            string   `json:"version,omitempty"`
	Namespaces         []string `json:"namespaces,omitempty"`
	ExcludedNamespaces []string `json:"excludedNamespaces,omitempty"`
	// Workload is the workload of `kubescape scan workload`, Kind/namespace/name.
	Workload string `json:"workload,omitempty"`
}

// Counters count resources (or controls) by status.
type Counters struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	Total   int `json:"total"`
}

// SeverityCounters count items by severity.
type SeverityCounters struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
}

// Add counts one item of the given severity.
func (c *SeverityCounters) Add(s Severity) {
	switch s {
	case SeverityCritical:
		c.Critical++
	case SeverityHigh:
		c.High++
	case SeverityMedium:
		c.Medium++
	case SeverityLow:
		c.Low++
	}
}

// Summary holds the headline numbers.
type Summary struct {
	// ComplianceScore is the mean compliance of the evaluated controls (0-100). It is null when
	// no control could be evaluated: a scan of nothing is not compliant.
	ComplianceScore *float64 `json:"complianceScore"`
	// RiskScore is the weighted share of failing resources (0-100, higher is worse).
	RiskScore float64 `json:"riskScore"`
	// Controls counts controls by status; Irrelevant controls are also counted as passed.
	Controls           Counters         `json:"controls"`
	IrrelevantControls int              `json:"irrelevantControls"`
	Resources          Counters         `json:"resources"`
	FailedControls     SeverityCounters `json:"failedControlsBySeverity"`
	FailedResources    SeverityCounters `json:"failedResourcesBySeverity"`
	// Objects is the number of objects read (all kinds, whether a control matched them or not).
	Objects int `json:"objects"`
	// ManagedObjects counts the objects not evaluated on their own because their controller,
	// also in the input, was (the Pods of a ReplicaSet, the ReplicaSets of a Deployment, ...).
	ManagedObjects int `json:"managedObjects"`
	// Complete is false when part of the input could not be read (see inputProblems).
	Complete bool `json:"complete"`
}

// Framework is the score of one framework.
type Framework struct {
	Name            string   `json:"name"`
	Description     string   `json:"description,omitempty"`
	ComplianceScore *float64 `json:"complianceScore"`
	RiskScore       float64  `json:"riskScore"`
	Controls        Counters `json:"controls"`
	ControlIDs      []string `json:"controlIDs"`
	// Numbers gives controls their number in a benchmark (CIS "5.1.1"), shown as CIS-5.1.1.
	Numbers map[string]string `json:"numbers,omitempty"`
	// Sections scores the benchmark's sections.
	Sections []Section `json:"sections,omitempty"`
}

// Section is the score of one section of a benchmark.
type Section struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	ComplianceScore *float64  `json:"complianceScore"`
	Controls        Counters  `json:"controls"`
	ControlIDs      []string  `json:"controlIDs"`
	Sections        []Section `json:"sections,omitempty"`
}

// Control is the outcome of one control over all resources.
type Control struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Severity    Severity `json:"severity"`
	BaseScore   float64  `json:"baseScore"`
	Category    string   `json:"category,omitempty"`
	Description string   `json:"description,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	Status      Status   `json:"status"`
	// SubStatus is "irrelevant" for a passed control that matched nothing.
	SubStatus string `json:"subStatus,omitempty"`
	// SkipReason says why a skipped control was not evaluated.
	SkipReason string `json:"skipReason,omitempty"`
	// ComplianceScore is 100 for a passed control, else passed/all resources x 100; null when
	// skipped.
	ComplianceScore *float64 `json:"complianceScore"`
	RiskScore       float64  `json:"riskScore"`
	Resources       Counters `json:"resources"`
	Frameworks      []string `json:"frameworks"`
}

// Resource is one scanned object and the controls that failed or could not be evaluated on it.
type Resource struct {
	ResourceID string            `json:"resourceID"`
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Namespace  string            `json:"namespace,omitempty"`
	Name       string            `json:"name"`
	Source     *Source           `json:"source,omitempty"`
	Controls   []ResourceControl `json:"controls"`
	// PassedControls lists the IDs of controls this resource passed.
	PassedControls []string `json:"passedControls"`
}

// Title names a resource for people: "Kind namespace/name", or "Kind name" when cluster-scoped.
func (r *Resource) Title() string {
	if r.Namespace != "" {
		return r.Kind + " " + r.Namespace + "/" + r.Name
	}
	return r.Kind + " " + r.Name
}

// Source locates a resource in its file.
type Source struct {
	Path     string `json:"path"`
	Document int    `json:"document"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	// Generated is set for objects rendered from a Helm chart or a Kustomize folder: Path is
	// then the template (Helm) or the folder (Kustomize), and there is no line.
	Generated *resource.Generated `json:"generated,omitempty"`
	// Item is the index inside a List document, when the object came from one.
	Item *int `json:"item,omitempty"`
}

// ResourceControl is a failed or skipped control on one resource.
type ResourceControl struct {
	ControlID string `json:"controlID"`
	Status    Status `json:"status"`
	// SubStatus is "excepted" for a failed control an exception covers (Status is then passed).
	SubStatus string        `json:"subStatus,omitempty"`
	Exception *ExceptionRef `json:"exception,omitempty"`
	Reason    string        `json:"reason,omitempty"`
	Findings  []Finding     `json:"findings,omitempty"`
}

// InputProblem is a part of the input that was not scanned, and why.
type InputProblem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Level   string `json:"level"`
	Message string `json:"message"`
}
