package scan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/corpus"
	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/library"
)

func compiled(b *testing.B) *policy.Compiled {
	b.Helper()
	lib, err := policy.Load(library.FS)
	if err != nil {
		b.Fatal(err)
	}
	c, err := policy.Compile(lib, false)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func objects(b *testing.B, n int) []*resource.Object { return corpusObjects(b, n, false) }

func corpusObjects(b *testing.B, n int, cluster bool) []*resource.Object {
	b.Helper()
	var objs []*resource.Object
	for _, f := range corpus.Generate(corpus.Options{Objects: n, Seed: 1, Cluster: cluster}) {
		o, problems := files.Decode(f.Name, f.Data)
		if len(problems) > 0 {
			b.Fatalf("corpus problem: %v", problems)
		}
		objs = append(objs, o...)
	}
	return objs
}

func allControls(c *policy.Compiled) scan.Selection {
	var sel scan.Selection
	for _, ctl := range c.Library.Controls {
		sel.ControlIDs = append(sel.ControlIDs, ctl.ID)
	}
	return sel
}

// BenchmarkScan measures index + evaluation of every implemented control + scoring, on objects
// already decoded (the binary benchmark, hack/bench.sh, adds reading and rendering).
func BenchmarkScan(b *testing.B) {
	c := compiled(b)
	for _, n := range []int{2000, 20000} {
		objs := objects(b, n)
		b.Run(fmt.Sprintf("objects=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s, err := scan.New(ctx, c, allControls(c), engine.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(objs))/1000, "µs/object")
		})
	}
}

// BenchmarkDecode measures reading the corpus text (splitting and decoding YAML).
func BenchmarkDecode(b *testing.B) {
	fs := corpus.Generate(corpus.Options{Objects: 20000, Seed: 1})
	size := 0
	for _, f := range fs {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, f := range fs {
			files.Decode(f.Name, f.Data)
		}
	}
}

// BenchmarkPrepare measures loading and compiling the library and preparing every query: the
// fixed cost of a process.
func BenchmarkPrepare(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		c := compiled(b)
		if _, err := scan.New(ctx, c, allControls(c), engine.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkControl measures each control alone on 2,000 objects of a cluster-like corpus, to find
// the expensive ones:
//
//	go test -run '^$' -bench BenchmarkControl -benchtime 2x ./internal/scan/
func BenchmarkControl(b *testing.B) {
	c := compiled(b)
	objs := corpusObjects(b, 2000, true)
	ctx := context.Background()
	for _, ctl := range c.Library.Controls {
		b.Run(ctl.ID, func(b *testing.B) {
			s, err := scan.New(ctx, c, scan.Selection{ControlIDs: []string{ctl.ID}}, engine.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
