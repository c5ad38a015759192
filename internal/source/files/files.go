// Package files reads Kubernetes objects from YAML and JSON files, directories, globs and
// standard input. Every object keeps its file, document index and line; every document or file
// that cannot be used is reported with its location, and the rest of the input is still read.
package files

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

// StdinPath is the name objects read from standard input carry as their path.
const StdinPath = "<stdin>"

// DefaultMaxFileSize is the largest file read unless configured otherwise (64 MiB).
const DefaultMaxFileSize = 64 << 20

// Options configure a Loader.
type Options struct {
	// MaxFileSize refuses files larger than this many bytes (0 = DefaultMaxFileSize).
	MaxFileSize int64
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Workers bounds parallel parsing (0 = GOMAXPROCS).
	Workers int
	// Generators render folders that are not plain manifests (Helm charts, Kustomize folders),
	// tried in order on every folder a walk meets and on every folder argument.
	Generators []Generator
	// Ignore skips paths while walking (.kubescapeignore, --exclude-path); nil skips nothing.
	Ignore *Ignore
	// SkipDirs are folders a walk never enters (custom policy folders: their fixtures are
	// test data, not the project's manifests).
	SkipDirs []string
}

// Generator renders a folder into manifests: a Helm chart or a Kustomize folder.
type Generator struct {
	// Name is what the folder is ("Helm chart", "Kustomize folder").
	Name string
	// Match reports whether dir is such a folder.
	Match func(dir string) bool
	// Bases lists the absolute folders dir builds on (Kustomize bases). A folder that another
	// folder found in the same walk builds on is scanned through that folder only, not on its
	// own as well. May be nil.
	Bases func(dir string) []string
	// Render produces the manifests of dir.
	Render func(dir string) ([]Rendered, []source.Problem)
}

// Rendered is generated manifest text and what it came from.
type Rendered struct {
	// Path is what objects will name as their source: the template, or the folder.
	Path string
	Info resource.Generated
	Data []byte
}

// unit is one thing to read: a file, or a folder a generator renders.
type unit struct {
	path string
	gen  *Generator
}

// Loader reads objects from paths and keeps what it needs to locate lines later.
type Loader struct {
	opts  Options
	stdin []byte
}

// New returns a Loader.
func New(opts Options) *Loader {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return &Loader{opts: opts}
}

// manifestExt reports whether a file found while walking a directory is read.
func manifestExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Load reads every path. Problems are collected in the result; only an unusable argument list
// (for example standard input named twice) is an error.
func (l *Loader) Load(paths []string) (*source.Result, error) {
	res := &source.Result{}
	var files []unit
	seen := map[string]bool{}
	add := func(u unit) {
		if !seen[u.path] {
			seen[u.path] = true
			files = append(files, u)
		}
	}
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				return nil, errors.New(`standard input ("-") given more than once`)
			}
			stdinUsed = true
			add(unit{path: "-"})
			continue
		}
		found, problems := l.expand(p)
		res.Problems = append(res.Problems, problems...)
		for _, u := range found {
			add(u)
		}
	}
	if l.opts.Ignore != nil {
		res.Problems = append(res.Problems, l.opts.Ignore.Problems...)
	}

	type fileResult struct {
		objs     []*resource.Object
		problems []source.Problem
	}
	out := make([]fileResult, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < l.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if g := files[i].gen; g != nil {
					out[i].objs, out[i].problems = l.render(files[i].path, g)
				} else {
					out[i].objs, out[i].problems = l.loadFile(files[i].path)
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, r := range out {
		res.Objects = append(res.Objects, r.objs...)
		res.Problems = append(res.Problems, r.problems...)
	}
	return res, nil
}

// hasGlobMeta reports whether a path holds glob syntax.
func hasGlobMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// expand turns one argument into the files and folders to read, in a stable order.
func (l *Loader) expand(p string) ([]unit, []source.Problem) {
	info, err := os.Stat(p)
	if err != nil {
		if hasGlobMeta(p) {
			matches, gerr := filepath.Glob(p)
			if gerr != nil {
				return nil, []source.Problem{{Path: p, Level: source.LevelError, Message: "bad glob pattern: " + gerr.Error()}}
			}
			if len(matches) == 0 {
				return nil, []source.Problem{{Path: p, Level: source.LevelError, Message: "no file matches this pattern"}}
			}
			var units []unit
			var problems []source.Problem
			for _, m := range matches {
				if l.opts.Ignore.Match(m, isDir(m)) {
					continue
				}
				u, pr := l.expand(m)
				units = append(units, u...)
				problems = append(problems, pr...)
			}
			return units, problems
		}
		msg := "cannot read: " + err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such file or directory"
		}
		return nil, []source.Problem{{Path: p, Level: source.LevelError, Message: msg}}
	}
	if l.opts.Ignore.Match(p, info.IsDir()) {
		return nil, []source.Problem{{Path: p, Level: source.LevelSkipped, Message: "excluded by --exclude-path"}}
	}
	if !info.IsDir() {
		return []unit{{path: p}}, nil
	}
	return l.walk(p)
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// generator returns the generator that renders dir, or nil for a plain folder.
func (l *Loader) generator(dir string) *Generator {
	for i := range l.opts.Generators {
		if g := &l.opts.Generators[i]; g.Match(dir) {
			return g
		}
	}
	return nil
}

// walk lists the manifest files under a directory, and the folders a generator renders (their
// own files are the generator's input, not read as manifests). Hidden directories (.git, ...)
// and ignored paths are not entered.
func (l *Loader) walk(root string) ([]unit, []source.Problem) {
	var units []unit
	var problems []source.Problem
	ignore := l.opts.Ignore.ForRoot(root)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, source.Problem{Path: path, Level: source.LevelError, Message: "cannot read: " + err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != root && ignore.Match(path, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			if path != root && l.skipDir(path) {
				return fs.SkipDir
			}
			if path != root {
				ignore.Enter(path)
			}
			if g := l.generator(path); g != nil {
				units = append(units, unit{path: path, gen: g})
				return fs.SkipDir
			}
			if isHelmChart(path) {
				problems = append(problems, source.Problem{Path: path, Level: source.LevelError,
					Message: "Helm chart: rendering charts is not enabled, so this chart was not scanned"})
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Follow links to files, never to directories (no cycles).
			if info, statErr := os.Stat(path); statErr != nil || info.IsDir() {
				return nil
			}
		}
		if manifestExt(d.Name()) {
			units = append(units, unit{path: path})
		}
		return nil
	})
	if err != nil {
		problems = append(problems, source.Problem{Path: root, Level: source.LevelError, Message: err.Error()})
	}
	units = dropBases(units)
	sort.Slice(units, func(i, j int) bool { return units[i].path < units[j].path })
	return units, problems
}

// skipDir reports whether a folder is one of the SkipDirs.
func (l *Loader) skipDir(path string) bool {
	if len(l.opts.SkipDirs) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for _, d := range l.opts.SkipDirs {
		if da, err := filepath.Abs(d); err == nil && da == abs {
			return true
		}
	}
	return false
}

// dropBases removes generated folders that another folder of the same walk builds on: a
// Kustomize base is scanned as its overlays deploy it, not a second time on its own.
func dropBases(units []unit) []unit {
	based := map[string]bool{}
	for _, u := range units {
		if u.gen != nil && u.gen.Bases != nil {
			for _, b := range u.gen.Bases(u.path) {
				based[b] = true
			}
		}
	}
	if len(based) == 0 {
		return units
	}
	out := units[:0]
	for _, u := range units {
		if u.gen != nil {
			if abs, err := filepath.Abs(u.path); err == nil && based[abs] {
				continue
			}
		}
		out = append(out, u)
	}
	return out
}

func isHelmChart(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "Chart.yaml"))
	return err == nil
}

// render runs a generator on a folder and decodes what it produced. Objects name the template
// or folder they came from and carry no lines: the rendered text is not a file anyone edits.
func (l *Loader) render(dir string, g *Generator) ([]*resource.Object, []source.Problem) {
	rendered, problems := g.Render(dir)
	var objs []*resource.Object
	for _, r := range rendered {
		got, ps := Decode(r.Path, r.Data)
		for _, o := range got {
			info := r.Info
			o.Source.Generated = &info
			o.Source.Line, o.Source.Column, o.Source.Lines = 0, 0, nil
		}
		for _, p := range ps {
			p.Path = r.Path
			p.Line = 0
			p.Message = "rendered output: " + p.Message
			problems = append(problems, p)
		}
		objs = append(objs, got...)
	}
	return objs, problems
}

// readFile reads a file with the size limit and the binary check.
func (l *Loader) readFile(path string) ([]byte, *source.Problem) {
	if path == "-" {
		if l.opts.Stdin == nil {
			return nil, &source.Problem{Path: StdinPath, Level: source.LevelError, Message: "no standard input"}
		}
		data, err := io.ReadAll(io.LimitReader(l.opts.Stdin, l.opts.MaxFileSize+1))
		if err != nil {
			return nil, &source.Problem{Path: StdinPath, Level: source.LevelError, Message: "cannot read: " + err.Error()}
		}
		if int64(len(data)) > l.opts.MaxFileSize {
			return nil, &source.Problem{Path: StdinPath, Level: source.LevelError, Message: l.tooLarge()}
		}
		l.stdin = data
		return data, checkText(StdinPath, data)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, &source.Problem{Path: path, Level: source.LevelError, Message: "cannot read: " + err.Error()}
	}
	if info.Size() > l.opts.MaxFileSize {
		return nil, &source.Problem{Path: path, Level: source.LevelError, Message: l.tooLarge()}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &source.Problem{Path: path, Level: source.LevelError, Message: "cannot read: " + err.Error()}
	}
	return data, checkText(path, data)
}

func (l *Loader) tooLarge() string {
	return fmt.Sprintf("file is larger than the %d MiB limit, not scanned (raise it with KUBESCAPE_MAX_FILE_SIZE, in bytes)", l.opts.MaxFileSize>>20)
}

// checkText refuses binary data: a NUL byte or invalid UTF-8 in the first 8 KiB.
func checkText(path string, data []byte) *source.Problem {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
		// Do not cut a UTF-8 sequence in half.
		for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.Valid(head); i++ {
			head = head[:len(head)-1]
		}
	}
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(head) {
		return &source.Problem{Path: path, Level: source.LevelError, Message: "binary file, not a YAML or JSON manifest: not scanned"}
	}
	return nil
}

// loadFile reads one file and decodes its documents.
func (l *Loader) loadFile(path string) ([]*resource.Object, []source.Problem) {
	data, problem := l.readFile(path)
	if problem != nil {
		return nil, []source.Problem{*problem}
	}
	name := path
	if path == "-" {
		name = StdinPath
	}
	return Decode(name, data)
}

// Decode reads every document of a YAML or JSON stream. It never panics on bad input: each
// document that cannot be parsed or is not a Kubernetes object becomes a problem, with its line.
func Decode(name string, data []byte) ([]*resource.Object, []source.Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 byte order mark
	var objs []*resource.Object
	var problems []source.Problem
	for _, doc := range Split(data) {
		node, err := parseDocument(doc.Data)
		if err != nil {
			problems = append(problems, docProblem(name, doc, err))
			continue
		}
		d := decoder{}
		v, err := d.value(node, 0)
		if err != nil {
			problems = append(problems, docProblem(name, doc, err))
			continue
		}
		top := node
		if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
			top = top.Content[0]
		}
		line := docLine(doc, top.Line)
		m, ok := v.(map[string]any)
		if !ok {
			if v == nil {
				continue // an empty document ("---" followed by nothing, or "null")
			}
			problems = append(problems, source.Problem{Path: name, Line: line, Level: source.LevelSkipped,
				Message: fmt.Sprintf("document %d is not a Kubernetes object (not a mapping), skipped", doc.Index)})
			continue
		}
		src := resource.Source{Path: name, Document: doc.Index, Line: line, Column: top.Column, Item: -1}
		obj, reason := object(m, src)
		if obj != nil && !isList(obj) {
			obj.Source.Lines = lineIndex(top, doc)
		}
		if reason != "" {
			problems = append(problems, source.Problem{Path: name, Line: line, Level: source.LevelSkipped,
				Message: fmt.Sprintf("document %d is not a Kubernetes object (%s), skipped", doc.Index, reason)})
			continue
		}
		if isList(obj) {
			items, listProblems := listItems(obj, top, doc)
			objs = append(objs, items...)
			problems = append(problems, listProblems...)
			continue
		}
		objs = append(objs, obj)
	}
	return objs, problems
}

// docLine turns a line inside a document into a line of the file. YAML also breaks lines at a
// lone carriage return and at U+0085, U+2028 and U+2029, which editors do not; such lines are
// clamped to the document's last line so a location never points past it.
func docLine(doc Document, rel int) int {
	last := doc.Line + bytes.Count(bytes.TrimRight(doc.Data, "\n"), []byte("\n"))
	line := doc.Line + rel - 1
	if line > last {
		return last
	}
	if line < doc.Line {
		return doc.Line
	}
	return line
}

func docProblem(name string, doc Document, err error) source.Problem {
	line := doc.Line
	msg := err.Error()
	var se *SyntaxError
	if errors.As(err, &se) {
		if se.Line > 0 {
			line = docLine(doc, se.Line)
		}
		msg = se.Msg
	}
	return source.Problem{Path: name, Line: line, Level: source.LevelError,
		Message: fmt.Sprintf("document %d cannot be parsed: %s", doc.Index, msg)}
}

// object checks that a mapping is a Kubernetes object and builds it; reason says why not.
func object(m map[string]any, src resource.Source) (*resource.Object, string) {
	apiVersion, okV := m["apiVersion"].(string)
	kind, okK := m["kind"].(string)
	switch {
	case !okV && !okK:
		return nil, "no apiVersion and kind"
	case !okV || apiVersion == "":
		return nil, "no apiVersion"
	case !okK || kind == "":
		return nil, "no kind"
	}
	meta, _ := m["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		name, _ = meta["generateName"].(string)
	}
	ns, _ := meta["namespace"].(string)
	return &resource.Object{APIVersion: apiVersion, Kind: kind, Namespace: ns, Name: name, Object: m, Source: src}, ""
}

// isList reports whether an object is a v1 List or a typed list (PodList, ...) with items.
func isList(o *resource.Object) bool {
	if o.Kind != "List" && !strings.HasSuffix(o.Kind, "List") {
		return false
	}
	_, ok := o.Object["items"].([]any)
	return ok
}

func listItems(list *resource.Object, top *yaml.Node, doc Document) ([]*resource.Object, []source.Problem) {
	items := list.Object["items"].([]any)
	var itemNodes []*yaml.Node
	if top.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == "items" && top.Content[i+1].Kind == yaml.SequenceNode {
				itemNodes = top.Content[i+1].Content
			}
		}
	}
	var objs []*resource.Object
	var problems []source.Problem
	for i, it := range items {
		line, col := list.Source.Line, list.Source.Column
		if i < len(itemNodes) {
			line, col = docLine(doc, itemNodes[i].Line), itemNodes[i].Column
		}
		src := resource.Source{Path: list.Source.Path, Document: doc.Index, Line: line, Column: col, Item: i}
		if i < len(itemNodes) {
			src.Lines = lineIndex(itemNodes[i], doc)
		}
		m, ok := it.(map[string]any)
		if !ok {
			problems = append(problems, source.Problem{Path: src.Path, Line: line, Level: source.LevelSkipped,
				Message: fmt.Sprintf("item %d of list in document %d is not a Kubernetes object, skipped", i, doc.Index)})
			continue
		}
		obj, reason := object(m, src)
		if reason != "" {
			problems = append(problems, source.Problem{Path: src.Path, Line: line, Level: source.LevelSkipped,
				Message: fmt.Sprintf("item %d of list in document %d is not a Kubernetes object (%s), skipped", i, doc.Index, reason)})
			continue
		}
		objs = append(objs, obj)
	}
	return objs, problems
}
