// Command kubescape scans Kubernetes manifests for security and compliance problems.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/kubescape-ng/kubescape/internal/cli/root"
	"github.com/kubescape-ng/kubescape/internal/iostreams"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := root.Run(ctx, iostreams.System(), os.Args[1:])
	stop()
	os.Exit(code)
}
