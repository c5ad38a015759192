// Command gencorpus writes a corpus of realistic Kubernetes manifests for benchmarks:
//
//	go run ./hack/gencorpus -n 20000 -o /tmp/corpus-20k
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubescape-ng/kubescape/internal/corpus"
)

func main() {
	n := flag.Int("n", 2000, "number of objects to write")
	out := flag.String("o", "", "directory to write (created; must not exist yet or be empty)")
	seed := flag.Uint64("seed", 1, "random seed")
	cluster := flag.Bool("cluster", false, "also write what a live cluster holds: ReplicaSets, Pods, Nodes, control-plane pods")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -o is required")
		os.Exit(2)
	}
	files := corpus.Generate(corpus.Options{Objects: *n, Seed: *seed, Cluster: *cluster})
	total := 0
	for _, f := range files {
		p := filepath.Join(*out, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		total += f.Objects
	}
	fmt.Printf("wrote %d objects in %d files to %s\n", total, len(files), *out)
}
