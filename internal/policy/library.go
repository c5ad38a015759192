// Package policy loads a control library (the embedded one or a directory of the same shape),
// validates every control's metadata and Rego, and compiles all of it once.
//
// Library layout:
//
//	controls/<ID>/control.yaml   metadata (see Control)
//	controls/<ID>/rule.rego      the rule: package of its own, a "deny" set of findings
//	controls/<ID>/*_test.rego    Rego unit tests (optional)
//	controls/<ID>/testdata/{pass,fail}/*.yaml   fixtures run through the real engine
//	frameworks/<name>.yaml       a framework: name, description, control IDs
//	lib/*.rego                   shared Rego (package kubescape.lib.*) and its tests
//	inputs.yaml                  default control inputs
//	catalogue.yaml               every control ID known, implemented here or not
package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// DataKind says what a control needs to be evaluated.
type DataKind string

// Data kinds. Only controls that need Kubernetes objects are evaluated from manifests and cluster
// objects; the others are skipped with the reason until their data source exists.
const (
	DataObjects         DataKind = "objects"
	DataHost            DataKind = "host"
	DataCloud           DataKind = "cloud"
	DataVulnerabilities DataKind = "vulnerabilities"
	DataManual          DataKind = "manual"
	DataAPIServer       DataKind = "apiserver"
	DataRegistry        DataKind = "registry"
)

var dataKinds = map[DataKind]string{
	DataObjects:         "",
	DataHost:            "needs host data from the node agent (kubelet, control-plane files, kernel), which this scan does not collect",
	DataCloud:           "needs data from the cloud provider's API, which this scan does not read",
	DataVulnerabilities: "needs image vulnerability data, which this scan does not collect",
	DataManual:          "manual review: no automated check exists; review it by hand",
	DataAPIServer:       "needs the API server's version, which only a live cluster scan has",
	DataRegistry:        "needs to fetch image signatures from registries, which a scan never contacts",
}

// Scope says where a control applies.
type Scope string

// Scopes.
const (
	ScopeCluster Scope = "cluster"
	ScopeFile    Scope = "file"
	ScopeCloud   Scope = "cloud"
	ScopeEKS     Scope = "EKS"
	ScopeAKS     Scope = "AKS"
	ScopeGKE     Scope = "GKE"
)

// Control is one control's metadata (control.yaml) plus its compiled rule's location.
type Control struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	BaseScore   float64  `yaml:"baseScore"`
	Category    string   `yaml:"category"`
	Description string   `yaml:"description"`
	Remediation string   `yaml:"remediation"`
	Scope       []Scope  `yaml:"scope"`
	Data        DataKind `yaml:"data"`
	// Match lists the kinds the rule reads: "Kind" for the core group, "group/Kind" otherwise,
	// "workloads" for every kind that carries a pod template, or "subjects" for the RBAC
	// subjects the index synthesizes (kubescape.io User, Group, ServiceAccount).
	Match []string `yaml:"match"`
	// RequiresKinds lists kinds that must be present in the scan for the rule to be decidable
	// (for example Node for a rule that needs the cluster version). Without them the control is
	// skipped with the reason.
	RequiresKinds []string `yaml:"requiresKinds"`
	// Providers limits the control to managed clusters of these providers ("eks", "aks",
	// "gke"), as told by the nodes' provider IDs; elsewhere it is skipped with the reason.
	Providers []string `yaml:"providers"`
	// Inputs lists the control inputs the rule reads (data.kubescape.inputs.<name>).
	Inputs []string `yaml:"inputs"`
	// RequiresConfiguration skips the control when all of its inputs are empty.
	RequiresConfiguration bool `yaml:"requiresConfiguration"`

	// Dir is the control's folder inside the library.
	Dir string `yaml:"-"`
	// Package is the Rego package of rule.rego, e.g. kubescape.controls.C_0017.
	Package string `yaml:"-"`
	// Kinds is Match expanded.
	Kinds []resource.GroupKind `yaml:"-"`
}

// Severity returns the severity derived from the base score.
func (c *Control) Severity() finding.Severity { return finding.SeverityFromScore(c.BaseScore) }

// HasScope reports whether the control applies to the given scope.
func (c *Control) HasScope(s Scope) bool {
	for _, x := range c.Scope {
		if x == s {
			return true
		}
	}
	return false
}

// Framework is a named set of controls.
type Framework struct {
	// ID is the name users type (the file name without extension), e.g. "nsa".
	ID          string   `yaml:"-"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Controls    []string `yaml:"controls"`
	// Numbering gives each control its number in a benchmark (CIS "5.1.1"), when it has one.
	Numbering map[string]string `yaml:"numbering"`
	// Sections is the benchmark's section tree; a control belongs to the deepest section whose
	// ID prefixes its number.
	Sections []*Section `yaml:"sections"`
}

// Section is a section of a benchmark.
type Section struct {
	ID       string     `yaml:"id"`
	Name     string     `yaml:"name"`
	Sections []*Section `yaml:"sections"`
}

// SectionOf returns the path of sections a control number falls in, outermost first.
func (f *Framework) SectionOf(number string) []*Section {
	var path []*Section
	level := f.Sections
	for {
		var next *Section
		for _, s := range level {
			if number == s.ID || strings.HasPrefix(number, s.ID+".") {
				next = s
			}
		}
		if next == nil {
			return path
		}
		path = append(path, next)
		level = next.Sections
	}
}

// CatalogueEntry describes a control known to the catalogue, implemented here or not.
type CatalogueEntry struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	BaseScore float64  `yaml:"baseScore"`
	Category  string   `yaml:"category"`
	Scope     []Scope  `yaml:"scope"`
	Data      DataKind `yaml:"data"`
	// Description and Remediation describe controls that are not implemented here (those that
	// need host, cloud or vulnerability data, or manual review), so reports and docs explain them.
	Description string `yaml:"description"`
	Remediation string `yaml:"remediation"`
}

// Module is a Rego source file of the library.
type Module struct {
	Path string
	Text string
	Test bool
}

// Library is a loaded, validated control library.
type Library struct {
	Controls   []*Control
	Frameworks []*Framework
	Catalogue  map[string]*CatalogueEntry
	Inputs     map[string][]string
	Modules    []Module

	byID map[string]*Control
}

// Control returns the implemented control with the given ID, or nil.
func (l *Library) Control(id string) *Control { return l.byID[id] }

// Framework returns a framework by its ID or name, case-insensitively, or nil.
func (l *Library) Framework(name string) *Framework {
	for _, f := range l.Frameworks {
		if strings.EqualFold(f.ID, name) || strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// Entry returns what is known about a control ID: its catalogue entry, or one built from the
// implemented control. Nil when the ID is unknown.
func (l *Library) Entry(id string) *CatalogueEntry {
	if c := l.byID[id]; c != nil {
		return &CatalogueEntry{ID: c.ID, Name: c.Name, BaseScore: c.BaseScore, Category: c.Category, Scope: c.Scope, Data: DataObjects}
	}
	return l.Catalogue[id]
}

// SkipReason says why a known control cannot be evaluated by this library, or "" when it can.
func (l *Library) SkipReason(id string) string {
	if l.byID[id] != nil {
		return ""
	}
	e := l.Catalogue[id]
	if e == nil {
		return "unknown control"
	}
	if e.Data != DataObjects {
		return dataKinds[e.Data]
	}
	return "not implemented in this version of kubescape"
}

// ProblemList collects every problem found while loading a library.
type ProblemList []string

func (p ProblemList) Error() string { return strings.Join(p, "\n") }

// Load reads a library from a file system rooted at the library folder.
func Load(fsys fs.FS) (*Library, error) {
	l := &Library{Catalogue: map[string]*CatalogueEntry{}, Inputs: map[string][]string{}, byID: map[string]*Control{}}
	var problems ProblemList
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if data, err := fs.ReadFile(fsys, "catalogue.yaml"); err == nil {
		var entries []*CatalogueEntry
		if err := decodeStrict(data, &entries); err != nil {
			report("catalogue.yaml: %v", err)
		}
		for _, e := range entries {
			if _, ok := dataKinds[e.Data]; !ok {
				report("catalogue.yaml: %s: unknown data kind %q", e.ID, e.Data)
			}
			l.Catalogue[e.ID] = e
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		report("catalogue.yaml: %v", err)
	}

	if data, err := fs.ReadFile(fsys, "inputs.yaml"); err == nil {
		if err := decodeStrict(data, &l.Inputs); err != nil {
			report("inputs.yaml: %v", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		report("inputs.yaml: %v", err)
	}

	libFiles, _ := fs.Glob(fsys, "lib/*.rego")
	for _, f := range libFiles {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			report("%s: %v", f, err)
			continue
		}
		l.Modules = append(l.Modules, Module{Path: f, Text: string(data), Test: strings.HasSuffix(f, "_test.rego")})
	}

	dirs, err := fs.ReadDir(fsys, "controls")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		report("controls: %v", err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		c, mods, errs := loadControl(fsys, path.Join("controls", d.Name()))
		problems = append(problems, errs...)
		if c == nil {
			continue
		}
		if l.byID[c.ID] != nil {
			report("%s: control %s defined twice", c.Dir, c.ID)
			continue
		}
		l.byID[c.ID] = c
		l.Controls = append(l.Controls, c)
		l.Modules = append(l.Modules, mods...)
	}
	sort.Slice(l.Controls, func(i, j int) bool { return l.Controls[i].ID < l.Controls[j].ID })

	fwFiles, _ := fs.Glob(fsys, "frameworks/*.yaml")
	for _, f := range fwFiles {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			report("%s: %v", f, err)
			continue
		}
		fw := &Framework{ID: strings.TrimSuffix(path.Base(f), ".yaml")}
		if err := decodeStrict(data, fw); err != nil {
			report("%s: %v", f, err)
			continue
		}
		if fw.Name == "" {
			report("%s: name is required", f)
		}
		seen := map[string]bool{}
		for _, id := range fw.Controls {
			if seen[id] {
				report("%s: control %s listed twice", f, id)
			}
			seen[id] = true
			if l.Entry(id) == nil {
				report("%s: control %s is neither in the library nor in the catalogue", f, id)
			}
		}
		for id, n := range fw.Numbering {
			if !seen[id] {
				report("%s: numbering names %s, which is not in the framework's controls", f, id)
			}
			if len(fw.Sections) > 0 && len(fw.SectionOf(n)) == 0 {
				report("%s: %s is numbered %s, which is in no section", f, id, n)
			}
		}
		l.Frameworks = append(l.Frameworks, fw)
	}
	sort.Slice(l.Frameworks, func(i, j int) bool { return l.Frameworks[i].ID < l.Frameworks[j].ID })

	for _, c := range l.Controls {
		for _, in := range c.Inputs {
			if _, ok := l.Inputs[in]; !ok {
				report("%s: input %q has no default in inputs.yaml", c.Dir, in)
			}
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return l, nil
}

// workloadKinds are the kinds "workloads" expands to.
var workloadKinds = []resource.GroupKind{
	{Kind: "Pod"}, {Kind: "ReplicationController"}, {Kind: "PodTemplate"},
	{Group: "apps", Kind: "Deployment"}, {Group: "apps", Kind: "ReplicaSet"},
	{Group: "apps", Kind: "DaemonSet"}, {Group: "apps", Kind: "StatefulSet"},
	{Group: "batch", Kind: "Job"}, {Group: "batch", Kind: "CronJob"},
}

// ParseKind reads "Kind" or "group/Kind".
func ParseKind(s string) resource.GroupKind {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return resource.GroupKind{Group: s[:i], Kind: s[i+1:]}
	}
	return resource.GroupKind{Kind: s}
}

// subjectKinds are the kinds "subjects" expands to: the RBAC subjects the index synthesizes.
var subjectKinds = []resource.GroupKind{
	{Group: "kubescape.io", Kind: "User"}, {Group: "kubescape.io", Kind: "Group"},
	{Group: "kubescape.io", Kind: "ServiceAccount"},
}

func expandMatch(match []string) []resource.GroupKind {
	var out []resource.GroupKind
	seen := map[resource.GroupKind]bool{}
	add := func(gk resource.GroupKind) {
		if !seen[gk] {
			seen[gk] = true
			out = append(out, gk)
		}
	}
	for _, m := range match {
		switch m {
		case "workloads":
			for _, gk := range workloadKinds {
				add(gk)
			}
			continue
		case "subjects":
			for _, gk := range subjectKinds {
				add(gk)
			}
			continue
		}
		add(ParseKind(m))
	}
	return out
}

func loadControl(fsys fs.FS, dir string) (*Control, []Module, ProblemList) {
	var problems ProblemList
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	data, err := fs.ReadFile(fsys, path.Join(dir, "control.yaml"))
	if err != nil {
		report("%s: %v", dir, err)
		return nil, nil, problems
	}
	c := &Control{Dir: dir}
	if err := decodeStrict(data, c); err != nil {
		report("%s/control.yaml: %v", dir, err)
		return nil, nil, problems
	}
	if c.Data == "" {
		c.Data = DataObjects
	}
	switch {
	case c.ID == "":
		report("%s/control.yaml: id is required", dir)
	case path.Base(dir) != c.ID:
		report("%s/control.yaml: id %s does not match the folder name", dir, c.ID)
	}
	if c.Name == "" {
		report("%s/control.yaml: name is required", dir)
	}
	if c.BaseScore < 0 || c.BaseScore > 10 {
		report("%s/control.yaml: baseScore %v is outside 0-10", dir, c.BaseScore)
	}
	if strings.TrimSpace(c.Description) == "" || strings.TrimSpace(c.Remediation) == "" {
		report("%s/control.yaml: description and remediation are required", dir)
	}
	if c.Data != DataObjects {
		report("%s/control.yaml: data %q: only controls that read Kubernetes objects can be implemented", dir, c.Data)
	}
	if len(c.Scope) == 0 {
		report("%s/control.yaml: scope is required (cluster, file, ...)", dir)
	}
	if len(c.Match) == 0 {
		report("%s/control.yaml: match must list the kinds the rule reads", dir)
	}
	for _, p := range c.Providers {
		if p != "eks" && p != "aks" && p != "gke" {
			report("%s/control.yaml: provider %q: want eks, aks or gke", dir, p)
		}
	}
	if c.RequiresConfiguration && len(c.Inputs) == 0 {
		report("%s/control.yaml: requiresConfiguration needs inputs", dir)
	}
	c.Kinds = expandMatch(c.Match)

	var mods []Module
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		report("%s: %v", dir, err)
	}
	hasRule := false
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".rego") {
			continue
		}
		p := path.Join(dir, e.Name())
		text, err := fs.ReadFile(fsys, p)
		if err != nil {
			report("%s: %v", p, err)
			continue
		}
		test := strings.HasSuffix(e.Name(), "_test.rego")
		if e.Name() == "rule.rego" {
			hasRule = true
		}
		mods = append(mods, Module{Path: p, Text: string(text), Test: test})
	}
	if !hasRule {
		report("%s: rule.rego is missing", dir)
	}
	if len(problems) > 0 {
		return nil, nil, problems
	}
	return c, mods, nil
}

// decodeStrict decodes YAML, rejecting unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}
