// Command benchlib compares the evaluation time of two control libraries on the same objects,
// alternating between them so that the machine's changing speed affects both alike:
//
//	git archive HEAD~1 library | tar -x -C /tmp/old
//	go run ./hack/benchlib -old /tmp/old/library [-rounds 8] [-objects 4000]
//
// It prints the total and best scan time of each library (index, evaluation of every control and
// scoring, in process) and the new/old ratio, and fails when the two disagree on the number of
// failed resources.
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"time"

	"github.com/kubescape-ng/kubescape/internal/corpus"
	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
	"github.com/kubescape-ng/kubescape/library"
)

func main() {
	old := flag.String("old", "", "folder of the library to compare with (required)")
	rounds := flag.Int("rounds", 8, "scans of each library")
	n := flag.Int("objects", 4000, "objects in the generated corpus")
	cluster := flag.Bool("cluster", false, "use the cluster-like corpus")
	flag.Parse()
	if *old == "" {
		flag.Usage()
		os.Exit(2)
	}
	var objs []*resource.Object
	for _, f := range corpus.Generate(corpus.Options{Objects: *n, Seed: 1, Cluster: *cluster}) {
		o, problems := files.Decode(f.Name, f.Data)
		if len(problems) > 0 {
			log.Fatalf("corpus: %v", problems)
		}
		objs = append(objs, o...)
	}
	ctx := context.Background()
	names := [2]string{"old", "new"}
	var scanners [2]*scan.Scanner
	for i, fsys := range []fs.FS{os.DirFS(*old), library.FS} {
		lib, err := policy.Load(fsys)
		if err != nil {
			log.Fatalf("%s library: %v", names[i], err)
		}
		c, err := policy.Compile(lib, false)
		if err != nil {
			log.Fatalf("%s library: %v", names[i], err)
		}
		var sel scan.Selection
		for _, ctl := range c.Library.Controls {
			sel.ControlIDs = append(sel.ControlIDs, ctl.ID)
		}
		if scanners[i], err = scan.New(ctx, c, sel, engine.Options{}); err != nil {
			log.Fatal(err)
		}
	}
	var total, best [2]time.Duration
	var failed [2]int
	for r := 0; r < *rounds; r++ {
		for k := 0; k < 2; k++ {
			i := (k + r) % 2 // alternate which library goes first
			t0 := time.Now()
			res, err := scanners[i].Scan(ctx, objs, scan.Options{})
			if err != nil {
				log.Fatal(err)
			}
			d := time.Since(t0)
			total[i] += d
			if best[i] == 0 || d < best[i] {
				best[i] = d
			}
			failed[i] = res.Report.Summary.Resources.Failed
		}
	}
	for i := range names {
		fmt.Printf("%s: total %v, best %v, failed resources %d\n", names[i], total[i].Round(time.Millisecond), best[i].Round(time.Millisecond), failed[i])
	}
	fmt.Printf("new/old: total %.3f, best %.3f\n", float64(total[1])/float64(total[0]), float64(best[1])/float64(best[0]))
	if failed[0] != failed[1] {
		log.Fatalf("the libraries disagree: %d and %d failed resources", failed[0], failed[1])
	}
}
