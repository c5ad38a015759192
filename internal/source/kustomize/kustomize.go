// Package kustomize builds Kustomize folders with Kustomize's own Go API, as `kubectl kustomize`
// would, so that the objects an overlay produces can be scanned. It never fetches anything:
// a kustomization that names a remote base is reported, not built.
package kustomize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

// FileNames are the names Kustomize accepts for a kustomization, in its order of preference.
var FileNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// File returns the kustomization file of dir, or "" when dir is not a Kustomize folder.
func File(dir string) string {
	for _, n := range FileNames {
		p := filepath.Join(dir, n)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	return ""
}

// IsKustomization reports whether dir holds a kustomization file.
func IsKustomization(dir string) bool { return File(dir) != "" }

// Manifest is the output of one Kustomize build.
type Manifest struct {
	// Path is the kustomization folder.
	Path string
	Info resource.Generated
	Data []byte
}

// Build runs Kustomize on dir. A build error, or a remote resource anywhere in the tree of
// kustomizations, is one error problem; nothing is built then.
func Build(dir string) (manifests []Manifest, problems []source.Problem) {
	fail := func(msg string) ([]Manifest, []source.Problem) {
		return nil, []source.Problem{{Path: dir, Level: source.LevelError, Message: "Kustomize folder cannot be built: " + msg}}
	}
	defer func() {
		if p := recover(); p != nil {
			manifests, problems = fail(fmt.Sprintf("kustomize panicked: %v", p))
		}
	}()
	if remote := remoteRefs(dir, map[string]bool{}); len(remote) > 0 {
		return fail(fmt.Sprintf("it refers to remote resources (%s); kubescape makes no network requests, so build it with `kubectl kustomize` and scan the output", strings.Join(remote, ", ")))
	}
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return fail(err.Error())
	}
	out, err := m.AsYaml()
	if err != nil {
		return fail(err.Error())
	}
	if len(out) == 0 {
		return nil, nil
	}
	return []Manifest{{Path: dir, Info: resource.Generated{Generator: resource.GeneratorKustomize, Root: dir}, Data: out}}, nil
}

// kustomization is the part of a kustomization file that names other folders and files.
type kustomization struct {
	Resources  []string `yaml:"resources"`
	Bases      []string `yaml:"bases"`
	Components []string `yaml:"components"`
}

func read(dir string) (*kustomization, error) {
	f := File(dir)
	if f == "" {
		return nil, fmt.Errorf("%s holds no kustomization", dir)
	}
	data, err := os.ReadFile(f)
	if err != nil {
		return nil, err
	}
	var k kustomization
	if err := yaml.Unmarshal(data, &k); err != nil {
		return nil, err
	}
	return &k, nil
}

// Bases returns the local kustomization folders dir builds on (resources, bases and
// components that are folders), absolute and cleaned.
func Bases(dir string) []string {
	k, err := read(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, ref := range k.refs() {
		if isRemote(ref) {
			continue
		}
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if IsKustomization(p) {
			if abs, err := filepath.Abs(p); err == nil {
				out = append(out, abs)
			}
		}
	}
	return out
}

func (k *kustomization) refs() []string {
	var out []string
	out = append(out, k.Resources...)
	out = append(out, k.Bases...)
	out = append(out, k.Components...)
	return out
}

// isRemote reports whether a resource entry is a URL or a Git reference Kustomize would fetch.
func isRemote(ref string) bool {
	return strings.Contains(ref, "://") || strings.HasPrefix(ref, "git@") ||
		strings.HasPrefix(ref, "github.com/") || strings.HasPrefix(ref, "gitlab.com/") ||
		strings.HasPrefix(ref, "bitbucket.org/")
}

// remoteRefs lists the remote entries of dir and of every local kustomization it builds on.
func remoteRefs(dir string, seen map[string]bool) []string {
	abs, err := filepath.Abs(dir)
	if err != nil || seen[abs] {
		return nil
	}
	seen[abs] = true
	k, err := read(dir)
	if err != nil {
		return nil // Kustomize reports the unreadable file itself
	}
	var out []string
	for _, ref := range k.refs() {
		if isRemote(ref) {
			out = append(out, ref)
			continue
		}
		p := ref
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if IsKustomization(p) {
			out = append(out, remoteRefs(p, seen)...)
		}
	}
	return out
}
