package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// TestVMAgreesWithTopdown scans the same objects with the VM (the default evaluator) and with
// OPA's topdown, and requires the same result for every object and control: status, reason and
// every finding with its message and paths. The objects are both generated corpora and every
// control's pass and fail fixtures, with every implemented control.
func TestVMAgreesWithTopdown(t *testing.T) {
	b := &testing.B{}
	c := compiled(b)
	corpora := append(corpusObjects(b, 2000, false), corpusObjects(b, 2000, true)...)
	var fixtureObjs []*resource.Object
	fixtures, err := filepath.Glob("../../library/controls/*/testdata/*/*.yaml")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	for _, f := range fixtures {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		o, _ := files.Decode(f, data)
		fixtureObjs = append(fixtureObjs, o...)
	}
	ctx := context.Background()
	run := func(evaluator string, objs []*resource.Object) *scan.Result {
		s, err := scan.New(ctx, c, allControls(c), engine.Options{Evaluator: evaluator})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	compare := func(name string, objs []*resource.Object) {
		vm, td := run(engine.EvaluatorVM, objs), run(engine.EvaluatorTopdown, objs)
		if len(td.Engine.TopdownKinds) == 0 || td.Engine.VM != 0 {
			t.Fatalf("%s: the topdown scan used the VM: %+v", name, td.Engine)
		}
		if len(vm.Engine.TopdownKinds) > 0 || vm.Engine.Topdown > 0 {
			t.Errorf("%s: the VM left work to topdown: %+v", name, vm.Engine)
		}
		sameResults(t, name, vm, td)
		failed := 0
		for _, r := range td.Results {
			if r.Status == finding.StatusFailed {
				failed++
			}
		}
		if failed == 0 {
			t.Errorf("%s: nothing failed: the comparison proves little", name)
		}
	}
	compare("corpora", corpora)
	compare("fixtures", fixtureObjs)
}

// objectKey identifies an object across scans (the RBAC subjects are made anew by each scan).
func objectKey(o *resource.Object) string {
	return fmt.Sprintf("%s/%s/%s/%s@%s#%d.%d", o.APIVersion, o.Kind, o.Namespace, o.Name, o.Source.Path, o.Source.Document, o.Source.Item)
}

// FuzzVMAgreesWithTopdown scans arbitrary manifests with both evaluators and requires the same
// results. The seeds are control fixtures; `go test -fuzz FuzzVMAgreesWithTopdown` explores
// beyond them.
func FuzzVMAgreesWithTopdown(f *testing.F) {
	b := &testing.B{}
	c := compiled(b)
	seeds, _ := filepath.Glob("../../library/controls/C-00[0-2]*/testdata/*/*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	ctx := context.Background()
	scanners := map[string]*scan.Scanner{}
	for _, ev := range []string{engine.EvaluatorVM, engine.EvaluatorTopdown} {
		s, err := scan.New(ctx, c, allControls(c), engine.Options{Evaluator: ev})
		if err != nil {
			f.Fatal(err)
		}
		scanners[ev] = s
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, _ := files.Decode("fuzz.yaml", data)
		if len(objs) == 0 {
			return
		}
		vm, err := scanners[engine.EvaluatorVM].Scan(ctx, objs, scan.Options{Target: scan.TargetFiles})
		if err != nil {
			t.Fatal(err)
		}
		td, err := scanners[engine.EvaluatorTopdown].Scan(ctx, objs, scan.Options{Target: scan.TargetFiles})
		if err != nil {
			t.Fatal(err)
		}
		sameResults(t, "fuzz", vm, td)
	})
}

// sameResults requires the same result for every object and control: status, reason and every
// finding with its message and paths.
func sameResults(t *testing.T, name string, vm, td *scan.Result) {
	t.Helper()
	if len(vm.Results) != len(td.Results) {
		t.Fatalf("%s: %d results on the VM, %d with topdown", name, len(vm.Results), len(td.Results))
	}
	for i := range vm.Results {
		a, b := vm.Results[i], td.Results[i]
		if objectKey(a.Object) != objectKey(b.Object) || a.ControlID != b.ControlID || a.Status != b.Status ||
			a.Reason != b.Reason || !reflect.DeepEqual(a.Findings, b.Findings) {
			t.Errorf("%s: %s on %s:\nVM:      %s %s %+v\ntopdown: %s %s %+v", name, b.ControlID, objectKey(b.Object),
				a.Status, a.Reason, a.Findings, b.Status, b.Reason, b.Findings)
		}
	}
}
