package fix

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
)

// Placeholder is the prefix of fix values the user must choose (a memory limit, an image
// digest): they are listed, never written.
const Placeholder = "YOUR_"

// Options configure a plan.
type Options struct {
	// BasePaths are the folders (or files) edits must stay inside: the scanned roots. Empty
	// means the current directory. Relative source paths in the report are read from the
	// current directory.
	BasePaths []string
}

// Plan is what fixing a report would do.
type Plan struct {
	// Files are the files that change, in path order.
	Files []*FilePlan
	// Manual lists what the user has to do by hand: fixes with values to choose, fields to
	// remove, findings without an automatic fix, edits refused.
	Manual []Manual
	// Generated advises on objects rendered from Helm charts and Kustomize folders, which are
	// not edited.
	Generated []Manual
	// Fixed lists, per control, the resources (IDs) on which every finding of the control is
	// fixed by the planned edits.
	Fixed map[string][]string
}

// FilePlan is the new content of one file.
type FilePlan struct {
	Path     string
	Old, New []byte
	Outcomes []Outcome
}

// Changed reports whether the file's content changes.
func (f *FilePlan) Changed() bool { return string(f.Old) != string(f.New) }

// Manual is one thing the plan leaves to the user.
type Manual struct {
	Resource string // "Kind ns/name"
	Location string // file:line, or the template or folder
	Control  string // "C-0009 Resource limits"
	Message  string
}

// key identifies an object of the report in a file.
type fileTarget struct {
	path   string
	target Target
}

// Build plans the fixes of a report: for each failed control on a resource read from a file,
// its fix paths become edits of that file.
func Build(rep *finding.Report, opts Options) (*Plan, error) {
	bases := opts.BasePaths
	if len(bases) == 0 {
		bases = []string{"."}
	}
	var basesAbs []string
	for _, b := range bases {
		abs, err := realPath(b)
		if err != nil {
			return nil, fmt.Errorf("base path: %w", err)
		}
		basesAbs = append(basesAbs, abs)
	}
	names := map[string]string{}
	for _, c := range rep.Controls {
		names[c.ID] = c.ID + " " + c.Name
	}
	plan := &Plan{Fixed: map[string][]string{}}
	edits := map[fileTarget][]Edit{}
	editSource := map[fileTarget]map[string][]string{} // path -> control IDs proposing it
	var order []fileTarget
	type pending struct {
		ft       fileTarget
		resource string
		control  string
		paths    []string
		complete bool
	}
	var pendings []pending

	for ri := range rep.Resources {
		r := &rep.Resources[ri]
		name := r.Title()
		for _, c := range r.Controls {
			if c.Status != finding.StatusFailed {
				continue
			}
			ctl := names[c.ControlID]
			if ctl == "" {
				ctl = c.ControlID
			}
			if r.Source == nil || r.Source.Path == "" {
				continue // a live cluster object: nothing to edit
			}
			if r.Source.Generated != nil {
				plan.Generated = append(plan.Generated, generatedAdvice(name, r.Source, ctl, c.Findings)...)
				continue
			}
			loc := r.Source.Path
			if r.Source.Line > 0 {
				loc = fmt.Sprintf("%s:%d", r.Source.Path, r.Source.Line)
			}
			manual := func(msg string) {
				plan.Manual = append(plan.Manual, Manual{Resource: name, Location: loc, Control: ctl, Message: msg})
			}
			if reason := refusePath(r.Source.Path, basesAbs); reason != "" {
				manual(reason)
				continue
			}
			if r.Kind == "User" || r.Kind == "Group" || (r.Kind == "ServiceAccount" && strings.HasPrefix(r.APIVersion, "kubescape.io/")) {
				manual("findings on an RBAC subject are fixed in the roles and bindings that grant it: " + firstMessage(c.Findings))
				continue
			}
			item := -1
			if r.Source.Item != nil {
				item = *r.Source.Item
			}
			ft := fileTarget{path: r.Source.Path, target: Target{Document: r.Source.Document, Item: item,
				APIVersion: r.APIVersion, Kind: r.Kind, Namespace: r.Namespace, Name: r.Name}}
			p := pending{ft: ft, resource: r.ResourceID, control: c.ControlID, complete: true}
			for _, f := range c.Findings {
				if len(f.FixPaths) == 0 {
					p.complete = false
					switch {
					case len(f.DeletePaths) > 0:
						manual(fmt.Sprintf("%s: remove %s", f.Message, strings.Join(f.DeletePaths, ", ")))
					default:
						manual(f.Message + ": no automatic fix")
					}
					continue
				}
				for _, fx := range f.FixPaths {
					if strings.HasPrefix(fx.Value, Placeholder) {
						p.complete = false
						manual(fmt.Sprintf("set %s to a value you choose (%s)", fx.Path, f.Message))
						continue
					}
					if _, ok := edits[ft]; !ok {
						order = append(order, ft)
						editSource[ft] = map[string][]string{}
					}
					if prev := findEdit(edits[ft], fx.Path); prev != nil {
						if prev.Value != fx.Value {
							p.complete = false
							manual(fmt.Sprintf("controls %s disagree on %s (%s or %s): not edited", strings.Join(append(editSource[ft][fx.Path], c.ControlID), ", "), fx.Path, prev.Value, fx.Value))
							prev.Value = "" // poisoned: dropped below
						}
					} else {
						edits[ft] = append(edits[ft], Edit{Path: fx.Path, Value: fx.Value})
					}
					editSource[ft][fx.Path] = append(editSource[ft][fx.Path], c.ControlID)
					p.paths = append(p.paths, fx.Path)
				}
			}
			pendings = append(pendings, p)
		}
	}

	// Group edits by file and apply them.
	byFile := map[string]map[Target][]Edit{}
	for _, ft := range order {
		var es []Edit
		for _, e := range edits[ft] {
			if e.Value != "" {
				es = append(es, e)
			}
		}
		if len(es) == 0 {
			continue
		}
		if byFile[ft.path] == nil {
			byFile[ft.path] = map[Target][]Edit{}
		}
		byFile[ft.path][ft.target] = es
	}
	paths := make([]string, 0, len(byFile))
	for p := range byFile {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	applied := map[fileTarget]map[string]bool{}
	for _, path := range paths {
		old, err := os.ReadFile(path)
		if err != nil {
			for t := range byFile[path] {
				plan.Manual = append(plan.Manual, Manual{Resource: t.String(), Location: path, Message: "cannot read the file: " + err.Error()})
			}
			continue
		}
		out, outcomes := ApplyFile(old, byFile[path])
		fp := &FilePlan{Path: path, Old: old, New: out, Outcomes: outcomes}
		plan.Files = append(plan.Files, fp)
		for _, o := range outcomes {
			ft := fileTarget{path: path, target: o.Target}
			if o.Err != nil {
				plan.Manual = append(plan.Manual, Manual{Resource: o.Target.String(), Location: path,
					Control: strings.Join(editSource[ft][o.Edit.Path], ", "),
					Message: fmt.Sprintf("set %s to %s by hand (%v)", o.Edit.Path, o.Edit.Value, o.Err)})
				continue
			}
			if applied[ft] == nil {
				applied[ft] = map[string]bool{}
			}
			applied[ft][o.Edit.Path] = true
		}
	}
	for _, p := range pendings {
		if !p.complete || len(p.paths) == 0 {
			continue
		}
		all := true
		for _, path := range p.paths {
			all = all && applied[p.ft][path]
		}
		if all {
			plan.Fixed[p.control] = append(plan.Fixed[p.control], p.resource)
		}
	}
	return plan, nil
}

func findEdit(es []Edit, path string) *Edit {
	for i := range es {
		if es[i].Path == path {
			return &es[i]
		}
	}
	return nil
}

func firstMessage(fs []finding.Finding) string {
	if len(fs) == 0 {
		return ""
	}
	return fs[0].Message
}

// realPath resolves a path to an absolute path without symbolic links.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// refusePath says why a file must not be edited, or "" when it may be: it must be a regular
// file inside one of the base paths, symbolic links resolved.
func refusePath(path string, basesAbs []string) string {
	if path == "<stdin>" {
		return "read from standard input: there is no file to edit"
	}
	real, err := realPath(path)
	if err != nil {
		return "cannot resolve the file: " + err.Error()
	}
	inside := false
	for _, b := range basesAbs {
		rel, err := filepath.Rel(b, real)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			inside = true
		}
	}
	if !inside {
		return fmt.Sprintf("the file is outside %s: not edited (use --base-path)", strings.Join(basesAbs, ", "))
	}
	info, err := os.Stat(real)
	if err != nil || !info.Mode().IsRegular() {
		return "not a regular file: not edited"
	}
	return ""
}

// generatedAdvice says what to change for an object rendered from a chart or a kustomization.
func generatedAdvice(name string, src *finding.Source, ctl string, findings []finding.Finding) []Manual {
	g := src.Generated
	var out []Manual
	for _, f := range findings {
		var todo []string
		for _, fx := range f.FixPaths {
			if strings.HasPrefix(fx.Value, Placeholder) {
				todo = append(todo, fmt.Sprintf("set %s to a value you choose", fx.Path))
			} else {
				todo = append(todo, fmt.Sprintf("set %s to %s", fx.Path, fx.Value))
			}
		}
		for _, d := range f.DeletePaths {
			todo = append(todo, "remove "+d)
		}
		if len(todo) == 0 {
			todo = append(todo, f.Message)
		}
		m := Manual{Resource: name, Control: ctl}
		switch g.Generator {
		case resource.GeneratorHelm:
			m.Location = fmt.Sprintf("%s (Helm chart %s)", src.Path, g.Chart)
			m.Message = "rendered from a Helm template, not edited: " + strings.Join(todo, "; ")
			if hint := templateHint(src.Path, f); hint != "" {
				m.Message += "; " + hint
			}
		default:
			m.Location = fmt.Sprintf("%s (Kustomize)", src.Path)
			m.Message = "built by Kustomize, not edited: " + strings.Join(todo, "; ") +
				" in the base resource, or with a patch in this kustomization"
		}
		out = append(out, m)
	}
	return out
}

var valuesRef = regexp.MustCompile(`\.Values\.[A-Za-z0-9_.]+`)

// templateHint finds where a Helm template writes the field a fix names, and the values it
// reads there: "templates/deployment.yaml:29 writes privileged from .Values.debug".
func templateHint(path string, f finding.Finding) string {
	var field string
	switch {
	case len(f.FixPaths) > 0:
		field = f.FixPaths[0].Path
	case len(f.FailedPaths) > 0:
		field = f.FailedPaths[0]
	default:
		return ""
	}
	elems, err := finding.ParsePath(field)
	if err != nil {
		return ""
	}
	// The deepest key of the path that the template spells out.
	var keys []string
	for i := len(elems) - 1; i >= 0; i-- {
		if !elems[i].IsIndex {
			keys = append(keys, elems[i].Key)
		}
	}
	fh, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer fh.Close()
	var lines []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	for _, k := range keys {
		for i, l := range lines {
			t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
			if !strings.HasPrefix(t, k+":") {
				continue
			}
			hint := fmt.Sprintf("the template writes %s at %s:%d", k, path, i+1)
			if refs := valuesRef.FindAllString(l, -1); len(refs) > 0 {
				hint += " from " + strings.Join(refs, ", ") + " (set it with --values or --set)"
			}
			return hint
		}
	}
	return ""
}
