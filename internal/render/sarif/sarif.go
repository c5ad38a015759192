// Package sarif renders a report as SARIF 2.1.0, the format code-scanning services (GitHub,
// GitLab, Azure DevOps) read: one rule per failed control, one result per failed resource and
// control, located at the failing field.
package sarif

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
)

// Renderer writes SARIF.
type Renderer struct{}

// New returns the SARIF renderer.
func New() *Renderer { return &Renderer{} }

// Name implements render.Renderer.
func (*Renderer) Name() string { return "sarif" }

// Extension implements render.Renderer.
func (*Renderer) Extension() string { return ".sarif" }

const (
	schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	rootBase  = "ROOTPATH"
)

type log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool               tool                    `json:"tool"`
	OriginalURIBaseIDs map[string]artifactLink `json:"originalUriBaseIds,omitempty"`
	Results            []result                `json:"results"`
	Invocations        []invocation            `json:"invocations"`
}

type invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []notification `json:"toolExecutionNotifications,omitempty"`
}

type notification struct {
	Level     string     `json:"level"`
	Message   message    `json:"message"`
	Locations []location `json:"locations,omitempty"`
}

type tool struct {
	Driver driver `json:"driver"`
}

type driver struct {
	Name            string `json:"name"`
	Version         string `json:"version,omitempty"`
	SemanticVersion string `json:"semanticVersion,omitempty"`
	InformationURI  string `json:"informationUri,omitempty"`
	Rules           []rule `json:"rules"`
}

type rule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     message        `json:"shortDescription"`
	FullDescription      message        `json:"fullDescription"`
	Help                 help           `json:"help"`
	DefaultConfiguration config         `json:"defaultConfiguration"`
	Properties           ruleProperties `json:"properties"`
}

type help struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type config struct {
	Level string `json:"level"`
}

type ruleProperties struct {
	SecuritySeverity string   `json:"security-severity"`
	Severity         string   `json:"severity"`
	Tags             []string `json:"tags"`
}

type message struct {
	Text string `json:"text"`
}

type result struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             message           `json:"message"`
	Locations           []location        `json:"locations"`
	RelatedLocations    []location        `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          resultProperties  `json:"properties"`
	// Suppressions mark a finding an exception accepts: code scanning shows it as dismissed.
	Suppressions []suppression `json:"suppressions,omitempty"`
}

type suppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type resultProperties struct {
	ResourceID string `json:"resourceID"`
}

type location struct {
	ID               *int             `json:"id,omitempty"`
	PhysicalLocation physicalLocation `json:"physicalLocation"`
	Message          *message         `json:"message,omitempty"`
}

type physicalLocation struct {
	ArtifactLocation artifactLink `json:"artifactLocation"`
	Region           *region      `json:"region,omitempty"`
}

type artifactLink struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// level maps a base score to a SARIF level as the reference tool does: error from 9, warning
// from 4, note below.
func level(score float64) string {
	switch {
	case score >= 9:
		return "error"
	case score >= 4:
		return "warning"
	}
	return "note"
}

// Render implements render.Renderer.
func (*Renderer) Render(w io.Writer, rep *finding.Report, opts render.Options) error {
	controls := map[string]*finding.Control{}
	for i := range rep.Controls {
		controls[rep.Controls[i].ID] = &rep.Controls[i]
	}
	// Rules: every control that failed somewhere, in ID order.
	failedIDs := map[string]bool{}
	for _, r := range rep.Resources {
		for _, c := range r.Controls {
			if reported(c) {
				failedIDs[c.ControlID] = true
			}
		}
	}
	ids := make([]string, 0, len(failedIDs))
	for id := range failedIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ruleIndex := map[string]int{}
	rules := make([]rule, 0, len(ids))
	for i, id := range ids {
		ruleIndex[id] = i
		rules = append(rules, newRule(id, controls[id]))
	}

	paths := newPathMapper(opts.Root)
	results := []result{}
	for _, res := range rep.Resources {
		for _, c := range res.Controls {
			if !reported(c) {
				continue
			}
			r := newResult(&res, c, controls[c.ControlID], ruleIndex[c.ControlID], paths)
			if c.Exception != nil {
				just := c.Exception.Name
				if c.Exception.Reason != "" {
					just += ": " + c.Exception.Reason
				}
				r.Suppressions = []suppression{{Kind: "external", Status: "accepted", Justification: just + " (" + c.Exception.Source + ")"}}
			}
			results = append(results, r)
		}
	}

	var notes []notification
	for _, p := range rep.InputProblems {
		if p.Level != "error" {
			continue
		}
		n := notification{Level: "error", Message: message{Text: p.Message}}
		if p.Path != "" {
			l := location{PhysicalLocation: physicalLocation{ArtifactLocation: paths.link(p.Path)}}
			if p.Line > 0 {
				l.PhysicalLocation.Region = &region{StartLine: p.Line}
			}
			n.Locations = []location{l}
		}
		notes = append(notes, n)
	}

	out := log{
		Schema:  schemaURI,
		Version: "2.1.0",
		Runs: []run{{
			Tool: tool{Driver: driver{
				Name:            rep.Generator.Name,
				Version:         rep.Generator.Version,
				SemanticVersion: semver(rep.Generator.Version),
				Rules:           rules,
			}},
			Results:     results,
			Invocations: []invocation{{ExecutionSuccessful: rep.Summary.Complete, ToolExecutionNotifications: notes}},
		}},
	}
	if paths.root != "" {
		out.Runs[0].OriginalURIBaseIDs = map[string]artifactLink{rootBase: {URI: fileURI(paths.root) + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// reported: failed controls, and failed controls an exception accepts (as suppressed results).
func reported(c finding.ResourceControl) bool {
	return c.Status == finding.StatusFailed || c.SubStatus == finding.SubStatusExcepted
}

// semver returns the version without a leading v when it is a semantic version.
func semver(v string) string {
	v = strings.TrimPrefix(v, "v")
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return ""
		}
	}
	return v
}

func newRule(id string, c *finding.Control) rule {
	r := rule{ID: id, Name: id, ShortDescription: message{Text: id}, FullDescription: message{Text: id},
		Help: help{Text: id, Markdown: id}, DefaultConfiguration: config{Level: "warning"},
		Properties: ruleProperties{Tags: []string{"security", "kubernetes"}}}
	if c == nil {
		return r
	}
	r.Name = ruleName(c.Name)
	r.ShortDescription = message{Text: c.Name}
	desc := c.Description
	if desc == "" {
		desc = c.Name
	}
	r.FullDescription = message{Text: desc}
	rem := c.Remediation
	if rem == "" {
		rem = "See the control's description."
	}
	r.Help = help{
		Text:     fmt.Sprintf("%s\n\nRemediation: %s", desc, rem),
		Markdown: fmt.Sprintf("**%s %s** (severity %s, base score %g)\n\n%s\n\n**Remediation:** %s", id, c.Name, c.Severity, c.BaseScore, desc, rem),
	}
	r.DefaultConfiguration.Level = level(c.BaseScore)
	r.Properties.SecuritySeverity = strconv.FormatFloat(c.BaseScore, 'f', 1, 64)
	r.Properties.Severity = c.Severity.String()
	r.Properties.Tags = append(r.Properties.Tags, c.Frameworks...)
	return r
}

// ruleName turns a control name into the PascalCase identifier SARIF viewers show.
func ruleName(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if b.Len() == 0 {
		return "Control"
	}
	return b.String()
}

func newResult(res *finding.Resource, c finding.ResourceControl, ctl *finding.Control, index int, paths *pathMapper) result {
	lvl := "warning"
	if ctl != nil {
		lvl = level(ctl.BaseScore)
	}
	name := res.Title()
	var msgs []string
	for _, f := range c.Findings {
		msgs = append(msgs, f.Message)
	}
	text := name + ": " + strings.Join(msgs, "; ")
	if len(msgs) == 0 {
		text = name + " fails " + c.ControlID
	}
	r := result{
		RuleID: c.ControlID, RuleIndex: index, Level: lvl,
		Message:    message{Text: text},
		Properties: resultProperties{ResourceID: res.ResourceID},
	}

	// The primary location is the first fix path (where the user acts), else the first failed
	// path, else the object itself; every other located path is a related location.
	var all []finding.Location
	for _, f := range c.Findings {
		all = append(all, f.Locations...)
	}
	primary := -1
	for _, kind := range []string{finding.PathFix, finding.PathFailed, finding.PathDelete, finding.PathReview} {
		for i, l := range all {
			if l.Kind == kind {
				primary = i
				break
			}
		}
		if primary >= 0 {
			break
		}
	}
	file := ""
	if res.Source != nil {
		file = res.Source.Path
	}
	switch {
	case primary >= 0:
		r.Locations = []location{paths.location(file, all[primary])}
		seen := map[string]bool{locKey(all[primary]): true}
		for i, l := range all {
			if i == primary || seen[locKey(l)] {
				continue
			}
			seen[locKey(l)] = true
			id := len(r.RelatedLocations) + 1
			loc := paths.location(file, l)
			loc.ID = &id
			loc.Message = &message{Text: l.Kind + ": " + l.Path}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
	case res.Source != nil && res.Source.Path != "":
		l := location{PhysicalLocation: physicalLocation{ArtifactLocation: paths.link(res.Source.Path)}}
		line := res.Source.Line
		if line == 0 {
			line = 1 // a rendered object: its template, from the top
		}
		l.PhysicalLocation.Region = &region{StartLine: line}
		r.Locations = []location{l}
	default:
		// A live-cluster object has no file; SARIF still needs a location to show the result.
		r.Locations = []location{{PhysicalLocation: physicalLocation{ArtifactLocation: artifactLink{URI: "kubernetes/" + strings.TrimPrefix(res.ResourceID, "/")}}}}
	}

	first := ""
	for _, f := range c.Findings {
		if p := f.FirstPath(); p != "" {
			first = p
			break
		}
	}
	sum := sha256.Sum256([]byte(res.ResourceID + "\x00" + c.ControlID + "\x00" + first))
	r.PartialFingerprints = map[string]string{"kubescapeFinding/v1": hex.EncodeToString(sum[:16])}
	return r
}

func locKey(l finding.Location) string {
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

// pathMapper turns report paths into SARIF artifact locations relative to the root.
type pathMapper struct{ root string }

func newPathMapper(root string) *pathMapper {
	if root != "" {
		if abs, err := filepath.Abs(root); err == nil {
			root = abs
		}
	}
	return &pathMapper{root: root}
}

func (m *pathMapper) location(file string, l finding.Location) location {
	if l.File != "" {
		file = l.File
	}
	reg := &region{StartLine: l.Line}
	if l.Column > 0 {
		reg.StartColumn = l.Column
	}
	return location{PhysicalLocation: physicalLocation{ArtifactLocation: m.link(file), Region: reg}}
}

// link makes a path relative to the root (with the ROOTPATH base) when it is inside it;
// paths outside stay absolute file URIs.
func (m *pathMapper) link(p string) artifactLink {
	if m.root == "" {
		return artifactLink{URI: relURI(p)}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return artifactLink{URI: relURI(p)}
	}
	rel, err := filepath.Rel(m.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return artifactLink{URI: fileURI(abs)}
	}
	return artifactLink{URI: relURI(rel), URIBaseID: rootBase}
}

// relURI escapes a relative path as a URI reference.
func relURI(p string) string {
	parts := strings.Split(filepath.ToSlash(p), "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func fileURI(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}
