// Command benchcluster measures a live-cluster scan: it starts the test control plane
// (hack/build-kas.sh builds it), loads a generated corpus of N objects into it through the API,
// then times `kubescape scan framework allcontrols` against it with /usr/bin/time -v, several
// runs, and prints each run and the medians.
//
//	go run ./hack/benchcluster -n 20000 -runs 3
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"

	"github.com/kubescape-ng/kubescape/internal/corpus"
	"github.com/kubescape-ng/kubescape/internal/kastest"
)

type fatal struct{}

func (fatal) Helper()                   {}
func (fatal) Logf(f string, a ...any)   { fmt.Fprintf(os.Stderr, f+"\n", a...) }
func (fatal) Fatalf(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...); os.Exit(1) }
func (fatal) Skipf(f string, a ...any)  { fmt.Fprintf(os.Stderr, f+"\n", a...); os.Exit(1) }

func main() {
	n := flag.Int("n", 20000, "objects to load")
	runs := flag.Int("runs", 3, "scans to time")
	framework := flag.String("framework", "allcontrols", "framework(s) to scan with")
	keep := flag.Bool("keep", false, "after the runs, keep the cluster up (print its kubeconfig) until interrupted")
	settle := flag.Duration("settle", 30*time.Second, "wait this long after loading, for the API server to finish digesting the objects")
	flag.Parse()
	if err := run(*n, *runs, *framework, *keep, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "benchcluster:", err)
		os.Exit(1)
	}
}

func run(n, runs int, framework string, keep bool, settle time.Duration) error {
	work, err := os.MkdirTemp("", "benchcluster-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()
	bin := filepath.Join(work, "kubescape")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/kubescape") //nolint:gosec // our own build
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return err
	}
	c := kastest.Start(fatal{})
	defer c.Stop()
	start := time.Now()
	loaded, err := load(c, n)
	if err != nil {
		return err
	}
	fmt.Printf("loaded %d objects in %v; settling for %v\n", loaded, time.Since(start).Round(time.Millisecond), settle)
	time.Sleep(settle)

	var walls, rss []float64
	for i := 0; i < runs; i++ {
		timeFile := filepath.Join(work, "time.txt")
		cmd := exec.Command("/usr/bin/time", "-v", "-o", timeFile, bin, "scan", "framework", framework, //nolint:gosec // the binary just built
			"--kubeconfig", c.Kubeconfig, "--format", "json", "--output", filepath.Join(work, "report.json"))
		cmd.Env = append(os.Environ(), "KUBESCAPE_TIMING=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		_ = cmd.Run() // exit 0 or 1 are both a completed scan
		data, err := os.ReadFile(timeFile)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(stderr.String(), "\n") {
			if strings.HasPrefix(l, "timing:") {
				fmt.Println("  " + l)
			}
		}
		w, r := wallAndRSS(string(data))
		walls, rss = append(walls, w), append(rss, r)
		fmt.Printf("run %d: %.2f s wall, %.0f MB peak RSS\n", i+1, w, r)
	}
	if runs > 0 {
		fmt.Printf("median of %d runs, %d objects: %.2f s wall, %.0f MB peak RSS\n", runs, loaded, median(walls), median(rss))
	}
	if keep {
		fmt.Printf("cluster up; kubeconfig: %s (interrupt to stop)\n", c.Kubeconfig)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		<-sig
	}
	return nil
}

var (
	wallRe = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
	rssRe  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
)

func wallAndRSS(s string) (float64, float64) {
	var wall, rss float64
	if m := wallRe.FindStringSubmatch(s); m != nil {
		h, _ := strconv.ParseFloat(m[1], 64)
		mi, _ := strconv.ParseFloat(m[2], 64)
		sec, _ := strconv.ParseFloat(m[3], 64)
		wall = h*3600 + mi*60 + sec
	}
	if m := rssRe.FindStringSubmatch(s); m != nil {
		kb, _ := strconv.ParseFloat(m[1], 64)
		rss = kb / 1024
	}
	return wall, rss
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// load creates the corpus' objects: namespaces first, then the rest, on 16 goroutines.
func load(c *kastest.Cluster, n int) (int, error) {
	ctx := context.Background()
	cfg := *c.Config
	cfg.QPS, cfg.Burst = 5000, 5000
	cfg.WarningHandler = rest.NoWarnings{} // admission warnings about the corpus' own findings
	dyn, err := dynamic.NewForConfig(&cfg)
	if err != nil {
		return 0, err
	}
	dc, err := discovery.NewDiscoveryClientForConfig(&cfg)
	if err != nil {
		return 0, err
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(dc))
	var first, rest []*unstructured.Unstructured
	for _, f := range corpus.Generate(corpus.Options{Objects: n, Seed: 1}) {
		dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(f.Data), 4096)
		for {
			var m map[string]any
			if err := dec.Decode(&m); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return 0, err
			}
			if m == nil {
				continue
			}
			u := &unstructured.Unstructured{Object: m}
			if u.GetKind() == "Namespace" {
				first = append(first, u)
			} else {
				rest = append(rest, u)
			}
		}
	}
	var created atomic.Int64
	var failures []string
	var mu sync.Mutex
	createAll := func(objs []*unstructured.Unstructured) {
		next := make(chan *unstructured.Unstructured)
		var wg sync.WaitGroup
		for w := 0; w < 16; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range next {
					gvk := u.GroupVersionKind()
					m, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
					if err == nil {
						var ri dynamic.ResourceInterface = dyn.Resource(m.Resource)
						if m.Scope.Name() == meta.RESTScopeNameNamespace {
							ri = dyn.Resource(m.Resource).Namespace(u.GetNamespace())
						}
						_, err = ri.Create(ctx, u, metav1.CreateOptions{})
					}
					if err != nil && !apierrors.IsAlreadyExists(err) {
						mu.Lock()
						if len(failures) < 5 {
							failures = append(failures, fmt.Sprintf("%s %s/%s: %v", gvk.Kind, u.GetNamespace(), u.GetName(), err))
						}
						mu.Unlock()
						continue
					}
					created.Add(1)
				}
			}()
		}
		for _, u := range objs {
			next <- u
		}
		close(next)
		wg.Wait()
	}
	createAll(first)
	createAll(rest)
	if len(failures) > 0 {
		fmt.Fprintf(os.Stderr, "some objects were not created (first %d): %s\n", len(failures), strings.Join(failures, "; "))
	}
	return int(created.Load()), nil
}
