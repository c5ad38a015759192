package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Overlay adds the controls, frameworks, library modules and input defaults of a folder in the
// library's own format (controls/<ID>/control.yaml and rule.rego, frameworks/*.yaml,
// lib/*.rego, inputs.yaml) to a library. A control or framework with the ID of an existing one
// replaces it; each replacement is returned as a warning. Paths in messages are the folder's
// own (dir/controls/X/rule.rego), so errors point at the user's files.
func Overlay(base *Library, fsys fs.FS, dir string) (*Library, []string, error) {
	var problems ProblemList
	var warnings []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	real := func(p string) string { return filepath.ToSlash(filepath.Join(dir, p)) }

	l := &Library{
		Catalogue: base.Catalogue,
		Inputs:    map[string][]string{},
		byID:      map[string]*Control{},
	}
	for k, v := range base.Inputs {
		l.Inputs[k] = v
	}
	if data, err := fs.ReadFile(fsys, "inputs.yaml"); err == nil {
		extra := map[string][]string{}
		if err := decodeStrict(data, &extra); err != nil {
			report("%s: %v", real("inputs.yaml"), err)
		}
		for k, v := range extra {
			l.Inputs[k] = v
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		report("%s: %v", real("inputs.yaml"), err)
	}

	custom := map[string]*Control{}
	var customModules []Module
	dirs, err := fs.ReadDir(fsys, "controls")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		report("%s: %v", real("controls"), err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		c, mods, errs := loadControl(fsys, path.Join("controls", d.Name()))
		for _, e := range errs {
			problems = append(problems, filepath.ToSlash(filepath.Join(dir, e)))
		}
		if c == nil {
			continue
		}
		c.Dir = real(c.Dir)
		for i := range mods {
			mods[i].Path = real(mods[i].Path)
		}
		custom[c.ID] = c
		customModules = append(customModules, mods...)
		if base.byID[c.ID] != nil {
			warnings = append(warnings, fmt.Sprintf("%s replaces the built-in control %s", c.Dir, c.ID))
		}
	}
	libFiles, _ := fs.Glob(fsys, "lib/*.rego")
	for _, f := range libFiles {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			report("%s: %v", real(f), err)
			continue
		}
		customModules = append(customModules, Module{Path: real(f), Text: string(data), Test: strings.HasSuffix(f, "_test.rego")})
	}

	// Controls: the base ones not replaced, then the custom ones; modules likewise.
	replacedDirs := map[string]bool{}
	for _, c := range base.Controls {
		if custom[c.ID] != nil {
			replacedDirs[c.Dir] = true
			continue
		}
		l.Controls = append(l.Controls, c)
		l.byID[c.ID] = c
	}
	for _, c := range custom {
		l.Controls = append(l.Controls, c)
		l.byID[c.ID] = c
	}
	sort.Slice(l.Controls, func(i, j int) bool { return l.Controls[i].ID < l.Controls[j].ID })
	for _, m := range base.Modules {
		if replacedDirs[path.Dir(m.Path)] {
			continue
		}
		l.Modules = append(l.Modules, m)
	}
	l.Modules = append(l.Modules, customModules...)

	fws := map[string]*Framework{}
	for _, fw := range base.Frameworks {
		fws[fw.ID] = fw
	}
	fwFiles, _ := fs.Glob(fsys, "frameworks/*.yaml")
	for _, f := range fwFiles {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			report("%s: %v", real(f), err)
			continue
		}
		fw := &Framework{ID: strings.TrimSuffix(path.Base(f), ".yaml")}
		if err := decodeStrict(data, fw); err != nil {
			report("%s: %v", real(f), err)
			continue
		}
		if fw.Name == "" {
			report("%s: name is required", real(f))
		}
		for _, id := range fw.Controls {
			if l.Entry(id) == nil {
				report("%s: control %s is neither a custom control, nor in the library, nor in the catalogue", real(f), id)
			}
		}
		if fws[fw.ID] != nil {
			warnings = append(warnings, fmt.Sprintf("%s replaces the built-in framework %s", real(f), fw.ID))
		}
		fws[fw.ID] = fw
	}
	for _, fw := range fws {
		l.Frameworks = append(l.Frameworks, fw)
	}
	sort.Slice(l.Frameworks, func(i, j int) bool { return l.Frameworks[i].ID < l.Frameworks[j].ID })
	for _, c := range custom {
		for _, in := range c.Inputs {
			if _, ok := l.Inputs[in]; !ok {
				report("%s: input %q has no default (add it to inputs.yaml)", c.Dir, in)
			}
		}
	}
	if len(problems) > 0 {
		return nil, warnings, problems
	}
	return l, warnings, nil
}
