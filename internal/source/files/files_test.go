package files

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		lines []int
	}{
		{"single", "a: 1\n", []int{1}},
		{"leading marker", "---\na: 1\n", []int{1}},
		{"two", "a: 1\n---\nb: 2\n", []int{1, 2}},
		{"empty docs dropped", "---\n---\n# c\n---\na: 1\n---\n", []int{4}},
		{"marker with content", "a: 1\n--- {b: 2}\n", []int{1, 2}},
		{"document end", "a: 1\n...\nb: 2\n", []int{1, 3}},
		{"marker inside block scalar is not a marker unless at column 0", "a: |\n  ---\n  x\n", []int{1}},
		{"directive belongs to next doc", "%YAML 1.2\n---\na: 1\n", []int{1}},
		{"crlf", "a: 1\r\n---\r\nb: 2\r\n", []int{1, 2}},
		{"no trailing newline", "a: 1\n---\nb: 2", []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := Split([]byte(tt.in))
			var got []int
			for i, d := range docs {
				if d.Index != i {
					t.Errorf("doc %d has index %d", i, d.Index)
				}
				got = append(got, d.Line)
			}
			if len(got) != len(tt.lines) {
				t.Fatalf("lines %v, want %v", got, tt.lines)
			}
			for i := range got {
				if got[i] != tt.lines[i] {
					t.Fatalf("lines %v, want %v", got, tt.lines)
				}
			}
		})
	}
}

func TestDecodeObjectsAndLines(t *testing.T) {
	in := `# a comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: ns
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: p1}
  - apiVersion: v1
    kind: Pod
    metadata: {name: p2}
---
just: a mapping
---
- a
- list
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: 0x10
  paused: yes
  quoted: "yes"
`
	objs, problems := Decode("f.yaml", []byte(in))
	var names []string
	for _, o := range objs {
		names = append(names, o.Kind+"/"+o.Name+"@"+o.Source.String())
	}
	want := []string{"ConfigMap/a@f.yaml:2", "Pod/p1@f.yaml:11", "Pod/p2@f.yaml:14", "Deployment/d@f.yaml:23"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("objects %v, want %v", names, want)
	}
	if objs[1].Source.Item != 0 || objs[2].Source.Item != 1 || objs[0].Source.Item != -1 {
		t.Errorf("list items not marked: %+v %+v", objs[1].Source, objs[2].Source)
	}
	if len(problems) != 2 {
		t.Fatalf("problems %v, want 2", problems)
	}
	for i, line := range []int{18, 20} {
		p := problems[i]
		if p.Level != source.LevelSkipped || p.Line != line || p.Path != "f.yaml" {
			t.Errorf("problem %d = %+v, want skipped at line %d", i, p, line)
		}
	}
	d := objs[3].Object
	if v := resource.Lookup(d, "spec", "replicas"); v != int64(16) {
		t.Errorf("replicas = %#v, want 16", v)
	}
	if v := resource.Lookup(d, "spec", "paused"); v != true {
		t.Errorf("plain yes = %#v, want true (YAML 1.1, as kubectl reads it)", v)
	}
	if v := resource.Lookup(d, "spec", "quoted"); v != "yes" {
		t.Errorf(`quoted "yes" = %#v, want the string`, v)
	}
}

func TestDecodeBrokenDocumentKeepsOthers(t *testing.T) {
	in := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: ok2}\n"
	objs, problems := Decode("f.yaml", []byte(in))
	if len(objs) != 2 {
		t.Fatalf("got %d objects, want 2 (the broken document must not hide the others)", len(objs))
	}
	if len(problems) != 1 || problems[0].Level != source.LevelError {
		t.Fatalf("problems = %v", problems)
	}
	if problems[0].Line < 5 || problems[0].Line > 9 {
		t.Errorf("problem line %d, want within the broken document (5-9)", problems[0].Line)
	}
	if !strings.Contains(problems[0].Message, "document 1 cannot be parsed") {
		t.Errorf("message %q", problems[0].Message)
	}
}

func TestDecodeMissingKind(t *testing.T) {
	_, problems := Decode("f.yaml", []byte("apiVersion: v1\nmetadata: {name: x}\n"))
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "no kind") {
		t.Fatalf("problems = %v", problems)
	}
}

func TestDecodeAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	objs, problems := Decode("bomb.yaml", []byte(b.String()))
	if len(objs) != 0 || len(problems) != 1 || problems[0].Level != source.LevelError {
		t.Fatalf("objects %d, problems %v: want the document refused", len(objs), problems)
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadDirectory(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.yaml":                 "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
		"sub/b.yml":              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n",
		"sub/c.json":             `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}`,
		"notes.txt":              "not read",
		".git/config.yaml":       "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n",
		"broken.yaml":            "apiVersion: v1\nkind: [\n",
		"binary.yaml":            "apiVersion: v1\x00\x01\x02",
		"chart/Chart.yaml":       "apiVersion: v2\nname: c\n",
		"chart/templates/x.yaml": "{{ .Values.x }}",
	})
	l := New(Options{})
	res, err := l.Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range res.Objects {
		names = append(names, o.Name)
	}
	if strings.Join(names, ",") != "a,b,c" {
		t.Errorf("objects %v, want a,b,c", names)
	}
	if !res.Incomplete() {
		t.Error("a broken file must make the scan incomplete")
	}
	msgs := map[string]string{}
	for _, p := range res.Problems {
		msgs[filepath.Base(p.Path)] = p.Message
	}
	if !strings.Contains(msgs["broken.yaml"], "cannot be parsed") {
		t.Errorf("broken.yaml: %q", msgs["broken.yaml"])
	}
	if !strings.Contains(msgs["binary.yaml"], "binary file") {
		t.Errorf("binary.yaml: %q", msgs["binary.yaml"])
	}
	if !strings.Contains(msgs["chart"], "Helm chart") {
		t.Errorf("chart: %q", msgs["chart"])
	}
}

func TestLoadLimitsAndErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"big.yaml": strings.Repeat("a: 1\n", 100)})
	l := New(Options{MaxFileSize: 64})
	res, _ := l.Load([]string{filepath.Join(dir, "big.yaml"), filepath.Join(dir, "missing.yaml"), filepath.Join(dir, "*.none")})
	if len(res.Problems) != 3 {
		t.Fatalf("problems %v, want 3", res.Problems)
	}
	for _, want := range []string{"larger than", "no such file", "no file matches"} {
		found := false
		for _, p := range res.Problems {
			found = found || strings.Contains(p.Message, want)
		}
		if !found {
			t.Errorf("no problem says %q: %v", want, res.Problems)
		}
	}
}

func TestLoadStdinAndGlob(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"x1.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x1}\n",
		"x2.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x2}\n",
	})
	l := New(Options{Stdin: strings.NewReader("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n")})
	res, err := l.Load([]string{"-", filepath.Join(dir, "x*.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Objects) != 3 || res.Objects[0].Source.Path != StdinPath {
		t.Fatalf("objects %+v", res.Objects)
	}
	if _, err := l.Load([]string{"-", "-"}); err == nil {
		t.Error("stdin twice must be an error")
	}
}

func TestLocator(t *testing.T) {
	content := `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: d
      labels:
        app.kubernetes.io/name: d
    spec:
      template:
        spec:
          containers:
            - name: a
              image: nginx
            - name: b
              image: busybox
              securityContext:
                privileged: true
`
	dir := writeFiles(t, map[string]string{"l.yaml": "---\n" + content})
	l := New(Options{})
	res, err := l.Load([]string{filepath.Join(dir, "l.yaml")})
	if err != nil || len(res.Objects) != 1 {
		t.Fatalf("load: %v %v", err, res)
	}
	obj := res.Objects[0]
	loc := l.Locator()
	type want struct {
		line, col int
		exact     bool
	}
	tests := map[string]want{
		"spec.template.spec.containers[1].securityContext.privileged": {20, 17, true},
		"spec.template.spec.containers[1].image":                      {18, 15, true},
		"spec.template.spec.containers[1].securityContext.runAsUser":  {19, 15, false}, // missing: its parent
		`metadata.labels["app.kubernetes.io/name"]`:                   {10, 9, true},
		"spec.template.spec.containers[7]":                            {14, 11, false}, // missing index: the list
		"spec.template.spec.containers[0]":                            {15, 15, true},  // an item: its content
		"":                                                            {5, 5, true},    // the object itself
	}
	if obj.Source.Lines == nil {
		t.Fatal("objects read from files carry a line index")
	}
	check := func(how string, o *resource.Object) {
		for path, w := range tests {
			got := loc.Locate(o, path)
			if got.Line != w.line || got.Column != w.col || got.Exact != w.exact {
				t.Errorf("%s Locate(%s) = %+v, want %+v", how, path, got, w)
			}
		}
	}
	check("indexed", obj)
	// Without the index the locator parses the document again, with the same answers.
	plain := *obj
	plain.Source.Lines = nil
	check("re-parsed", &plain)
}

func TestDecodeDuplicateKey(t *testing.T) {
	in := "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: false\n  hostNetwork: true\n"
	objs, problems := Decode("f.yaml", []byte(in))
	if len(objs) != 0 || len(problems) != 1 {
		t.Fatalf("objects %d problems %v", len(objs), problems)
	}
	p := problems[0]
	if p.Level != source.LevelError || p.Line != 6 || !strings.Contains(p.Message, `"hostNetwork" is defined twice`) || !strings.Contains(p.Message, "line 5") {
		t.Errorf("problem %+v", p)
	}
}

func TestDecodeMergeKeyOverride(t *testing.T) {
	in := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\nbase: &b {a: '1', b: '2'}\nbefore:\n  <<: *b\n  a: '3'\nafter:\n  a: '4'\n  <<: *b\n"
	objs, problems := Decode("f.yaml", []byte(in))
	if len(problems) != 0 || len(objs) != 1 {
		t.Fatalf("objects %d problems %v", len(objs), problems)
	}
	for key, want := range map[string]string{"before": "3", "after": "4"} {
		m := objs[0].Object[key].(map[string]any)
		if m["a"] != want || m["b"] != "2" {
			t.Errorf("%s = %v: an explicit key overrides the merged one", key, m)
		}
	}
}
