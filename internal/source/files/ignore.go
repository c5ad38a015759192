package files

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/source"
)

// IgnoreFileName is the file, at the root of a scanned folder, that lists paths not to scan.
const IgnoreFileName = ".kubescapeignore"

// Ignore decides which paths a scan skips: the patterns of --exclude-path, and those of the
// .kubescapeignore file at the root of each scanned folder. Both use gitignore syntax.
type Ignore struct {
	exclude []rule
	// Problems collects ignore files that could not be read.
	Problems []source.Problem
}

// NewIgnore compiles --exclude-path patterns. A pattern that is not valid is an error.
func NewIgnore(excludes []string) (*Ignore, error) {
	ig := &Ignore{}
	for _, e := range excludes {
		r, ok, err := parseRule(e)
		if err != nil {
			return nil, fmt.Errorf("--exclude-path %q: %w", e, err)
		}
		if ok {
			ig.exclude = append(ig.exclude, r)
		}
	}
	return ig, nil
}

// Match reports whether a path named directly (an argument, a glob match) is excluded by
// --exclude-path, matched as given.
func (ig *Ignore) Match(path string, isDir bool) bool {
	if ig == nil {
		return false
	}
	return matchRules(ig.exclude, filepath.ToSlash(filepath.Clean(path)), isDir)
}

// rootIgnore matches paths under one scanned folder: --exclude-path, and the
// .kubescapeignore files of the folder and of its subfolders, each relative to its own folder
// and winning over those above it, as .gitignore files do.
type rootIgnore struct {
	root  string
	ig    *Ignore
	files map[string][]rule // folder -> the rules of its .kubescapeignore
}

// ForRoot returns the matcher for paths under root, with root's .kubescapeignore read. It is
// nil-safe: a nil Ignore reads no ignore file.
func (ig *Ignore) ForRoot(root string) *rootIgnore {
	ri := &rootIgnore{root: filepath.Clean(root), ig: ig, files: map[string][]rule{}}
	ri.Enter(ri.root)
	return ri
}

// Enter reads the .kubescapeignore of a folder the walk enters.
func (ri *rootIgnore) Enter(dir string) {
	if ri.ig == nil {
		return
	}
	p := filepath.Join(dir, IgnoreFileName)
	data, err := os.ReadFile(p)
	if err != nil {
		if !os.IsNotExist(err) {
			ri.ig.Problems = append(ri.ig.Problems, source.Problem{Path: p, Level: source.LevelError, Message: "cannot read: " + err.Error()})
		}
		return
	}
	var rules []rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		r, ok, err := parseRule(sc.Text())
		if err != nil {
			ri.ig.Problems = append(ri.ig.Problems, source.Problem{Path: p, Line: line, Level: source.LevelError,
				Message: "bad pattern, ignored: " + err.Error()})
			continue
		}
		if ok {
			rules = append(rules, r)
		}
	}
	ri.files[filepath.Clean(dir)] = rules
}

// Match reports whether a path met while walking root is skipped.
func (ri *rootIgnore) Match(path string, isDir bool) bool {
	if ri.ig == nil {
		return false
	}
	path = filepath.Clean(path)
	rel, err := filepath.Rel(ri.root, path)
	if err != nil {
		return false
	}
	if matchRules(ri.ig.exclude, filepath.ToSlash(rel), isDir) || matchRules(ri.ig.exclude, filepath.ToSlash(path), isDir) {
		return true
	}
	// The ignore files of the folders above the path, outermost first: a deeper file decides
	// over a shallower one.
	var dirs []string
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if d == ri.root || d == filepath.Dir(d) {
			break
		}
	}
	ignored := false
	for i := len(dirs) - 1; i >= 0; i-- {
		rules, ok := ri.files[dirs[i]]
		if !ok {
			continue
		}
		r, err := filepath.Rel(dirs[i], path)
		if err != nil {
			continue
		}
		for _, ru := range rules {
			if ru.dirOnly && !isDir {
				continue
			}
			if ru.re.MatchString(filepath.ToSlash(r)) {
				ignored = !ru.negate
			}
		}
	}
	return ignored
}

// rule is one gitignore pattern.
type rule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
}

// matchRules applies gitignore precedence: the last rule that matches decides.
func matchRules(rules []rule, path string, isDir bool) bool {
	ignored := false
	for _, r := range rules {
		if r.dirOnly && !isDir {
			continue
		}
		if r.re.MatchString(path) {
			ignored = !r.negate
		}
	}
	return ignored
}

// parseRule compiles one line of gitignore syntax; ok is false for blank lines and comments.
func parseRule(line string) (r rule, ok bool, err error) {
	line = strings.TrimRight(line, "\r")
	if !strings.HasSuffix(line, `\ `) {
		line = strings.TrimRight(line, " \t")
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return rule{}, false, nil
	}
	if strings.HasPrefix(line, "!") {
		r.negate = true
		line = line[1:]
	} else if strings.HasPrefix(line, `\!`) || strings.HasPrefix(line, `\#`) {
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		r.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	line = strings.TrimPrefix(line, "./")
	if line == "" {
		return rule{}, false, nil
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	body, err := globToRegexp(line)
	if err != nil {
		return rule{}, false, err
	}
	prefix := "^"
	if !anchored {
		prefix = "^(?:.*/)?"
	}
	r.re, err = regexp.Compile(prefix + body + "$")
	if err != nil {
		return rule{}, false, err
	}
	return r, true, nil
}

// globToRegexp translates gitignore glob syntax: * and ? stay within one path segment, ** spans
// segments, [...] is a character class.
func globToRegexp(g string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case strings.HasPrefix(g[i:], "**/") && (i == 0 || g[i-1] == '/'):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(g[i:], "**") && i+2 == len(g) && (i == 0 || g[i-1] == '/'):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(string(g[i])))
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				return "", fmt.Errorf("unclosed [ in %q", g)
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			class = strings.ReplaceAll(class, `\`, `\\`)
			b.WriteString("[" + class + "]")
			i += end + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String(), nil
}
