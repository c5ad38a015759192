package rbacgen_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/rbacgen"
	"github.com/kubescape-ng/kubescape/library"
)

func TestClusterRoleIsCurrent(t *testing.T) {
	lib, err := policy.Load(library.FS)
	if err != nil {
		t.Fatal(err)
	}
	c, err := policy.Compile(lib, false)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := rbacgen.Kinds(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	want := rbacgen.ClusterRole(kinds)
	got, err := os.ReadFile(filepath.Join("..", "..", "deploy", "clusterrole.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Error("deploy/clusterrole.yaml is stale: run go run ./hack/genrbac")
	}
}

func TestResource(t *testing.T) {
	for kind, want := range map[string]string{"NetworkPolicy": "networkpolicies", "Ingress": "ingresses", "ConfigMap": "configmaps",
		"StorageClass": "storageclasses", "HTTPRoute": "httproutes", "Pod": "pods", "Endpoints": "endpoints"} {
		if got := rbacgen.Resource(kind); got != want {
			t.Errorf("Resource(%s) = %s, want %s", kind, got, want)
		}
	}
}
