// Package resource defines the unit every scan works on: one Kubernetes object, its identity
// (apiVersion, kind, namespace, name) and where it came from (file, document, line).
package resource

import (
	"strconv"
	"strings"
)

// Object is one Kubernetes object read from a source.
type Object struct {
	APIVersion string
	Kind       string
	Namespace  string
	Name       string
	// Object is the decoded object: maps, slices, strings, bool, int64, float64 and nil only.
	Object map[string]any
	Source Source
	// Synthetic marks objects built by the scanner itself (for example RBAC subjects); they have
	// no document of their own and point at the object they were derived from.
	Synthetic bool
}

// Source says where an object was read from.
type Source struct {
	// Path is the file the object was read from; "<stdin>" for standard input. Empty for
	// objects that did not come from a file (a live cluster).
	Path string `json:"path,omitempty"`
	// Document is the 0-based index of the YAML document in the file.
	Document int `json:"document"`
	// Line is the 1-based line where the object starts (0 when unknown).
	Line int `json:"line,omitempty"`
	// Column is the 1-based column where the object starts (0 when unknown).
	Column int `json:"column,omitempty"`
	// Item is the index of the object inside a List document, or -1.
	Item int `json:"item"`
	// Lines locates the object's fields in the file (nil when unknown).
	Lines *LineIndex `json:"-"`
	// Generated is set when the object was produced by a tool (Helm, Kustomize) rather than
	// written as it is: Path then names the template or folder it came from, and the line
	// fields are unknown, since the rendered text is not a file the user edits.
	Generated *Generated `json:"generated,omitempty"`
}

// Generator kinds.
const (
	GeneratorHelm      = "helm"
	GeneratorKustomize = "kustomize"
)

// Generated says which tool produced an object, from which folder.
type Generated struct {
	// Generator is "helm" or "kustomize".
	Generator string `json:"generator"`
	// Root is the chart or kustomization folder that was rendered.
	Root string `json:"root"`
	// Chart is the name of the (sub)chart whose template produced the object (Helm only).
	Chart string `json:"chart,omitempty"`
	// Template is the template file, relative to Root (Helm only), for example
	// "templates/deployment.yaml" or "charts/redis/templates/statefulset.yaml".
	Template string `json:"template,omitempty"`
}

// String renders the source as file:line, the form editors and terminals understand.
func (s Source) String() string {
	if s.Path == "" {
		return ""
	}
	if s.Line > 0 {
		return s.Path + ":" + strconv.Itoa(s.Line)
	}
	return s.Path
}

// Group returns the API group of the object ("" for the core group).
func (o *Object) Group() string { return GroupOf(o.APIVersion) }

// GroupOf returns the API group part of an apiVersion ("" for the core group).
func GroupOf(apiVersion string) string {
	if i := strings.IndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i]
	}
	return ""
}

// VersionOf returns the version part of an apiVersion.
func VersionOf(apiVersion string) string {
	if i := strings.IndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[i+1:]
	}
	return apiVersion
}

// ID returns the stable resource identifier <group>/<version>/<namespace>/<kind>/<name>, the
// form the reference tool uses, so exceptions written against it keep working.
func (o *Object) ID() string {
	return ID(o.APIVersion, o.Namespace, o.Kind, o.Name)
}

// ID builds a resource identifier from its parts.
func ID(apiVersion, namespace, kind, name string) string {
	var b strings.Builder
	b.Grow(len(apiVersion) + len(namespace) + len(kind) + len(name) + 4)
	b.WriteString(GroupOf(apiVersion))
	b.WriteByte('/')
	b.WriteString(VersionOf(apiVersion))
	b.WriteByte('/')
	b.WriteString(namespace)
	b.WriteByte('/')
	b.WriteString(kind)
	b.WriteByte('/')
	b.WriteString(name)
	return b.String()
}

// GroupKind identifies a kind regardless of version.
type GroupKind struct {
	Group string
	Kind  string
}

func (gk GroupKind) String() string {
	if gk.Group == "" {
		return gk.Kind
	}
	return gk.Group + "/" + gk.Kind
}

// GroupKind returns the object's group and kind.
func (o *Object) GroupKind() GroupKind { return GroupKind{Group: o.Group(), Kind: o.Kind} }

// Labels returns metadata.labels as strings (nil when absent).
func (o *Object) Labels() map[string]string { return StringMap(o.Object, "metadata", "labels") }

// Annotations returns metadata.annotations as strings (nil when absent).
func (o *Object) Annotations() map[string]string {
	return StringMap(o.Object, "metadata", "annotations")
}

// Lookup walks nested maps by key and returns the value found, or nil.
func Lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// String returns the string at the given keys, or "".
func String(v any, keys ...string) string {
	s, _ := Lookup(v, keys...).(string)
	return s
}

// Map returns the map at the given keys, or nil.
func Map(v any, keys ...string) map[string]any {
	m, _ := Lookup(v, keys...).(map[string]any)
	return m
}

// Slice returns the slice at the given keys, or nil.
func Slice(v any, keys ...string) []any {
	s, _ := Lookup(v, keys...).([]any)
	return s
}

// StringMap returns the map at the given keys with its string values (others dropped).
func StringMap(v any, keys ...string) map[string]string {
	m := Map(v, keys...)
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, val := range m {
		if s, ok := val.(string); ok {
			out[k] = s
		}
	}
	return out
}

// PodSpecPath returns the path of the pod spec inside an object of the given kind, or nil when
// the kind carries no pod spec.
func PodSpecPath(kind string) []string {
	switch kind {
	case "Pod":
		return []string{"spec"}
	case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "ReplicationController":
		return []string{"spec", "template", "spec"}
	case "CronJob":
		return []string{"spec", "jobTemplate", "spec", "template", "spec"}
	case "PodTemplate":
		return []string{"template", "spec"}
	}
	return nil
}

// PodTemplateMetaPath returns the path of the pod metadata for a kind, or nil.
func PodTemplateMetaPath(kind string) []string {
	p := PodSpecPath(kind)
	if p == nil {
		return nil
	}
	out := append([]string{}, p[:len(p)-1]...)
	return append(out, "metadata")
}

// PodSpec returns the pod spec of a workload, or nil when it has none.
func (o *Object) PodSpec() map[string]any {
	p := PodSpecPath(o.Kind)
	if p == nil {
		return nil
	}
	return Map(o.Object, p...)
}

// PodLabels returns the labels the workload's pods carry.
func (o *Object) PodLabels() map[string]string {
	if o.Kind == "Pod" {
		return o.Labels()
	}
	p := PodTemplateMetaPath(o.Kind)
	if p == nil {
		return nil
	}
	return StringMap(o.Object, append(p, "labels")...)
}
