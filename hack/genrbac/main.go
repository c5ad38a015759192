// Command genrbac writes deploy/clusterrole.yaml, the least-privilege ClusterRole of a cluster
// scan, from the embedded library.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/rbacgen"
	"github.com/kubescape-ng/kubescape/library"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genrbac:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	lib, err := policy.Load(library.FS)
	if err != nil {
		return err
	}
	c, err := policy.Compile(lib, false)
	if err != nil {
		return err
	}
	kinds, err := rbacgen.Kinds(ctx, c)
	if err != nil {
		return err
	}
	return os.WriteFile("deploy/clusterrole.yaml", []byte(rbacgen.ClusterRole(kinds)), 0o644)
}
