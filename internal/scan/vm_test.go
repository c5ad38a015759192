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
		if len(vm.Results) != len(td.Results) {
			t.Fatalf("%s: %d results on the VM, %d with topdown", name, len(vm.Results), len(td.Results))
		}
		failed := 0
		for i := range vm.Results {
			a, b := vm.Results[i], td.Results[i]
			if objectKey(a.Object) != objectKey(b.Object) || a.ControlID != b.ControlID || a.Status != b.Status || a.Reason != b.Reason ||
				!reflect.DeepEqual(a.Findings, b.Findings) {
				t.Errorf("%s: %s on %s/%s %s:\nVM:      %s %s %+v\ntopdown: %s %s %+v", name, b.ControlID, b.Object.Kind,
					b.Object.Namespace, b.Object.Name, a.Status, a.Reason, a.Findings, b.Status, b.Reason, b.Findings)
			}
			if b.Status == finding.StatusFailed {
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
