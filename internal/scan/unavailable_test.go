package scan

import (
	"testing"

	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/library"
)

// TestUnavailableKinds: a kind a cluster scan could not read skips the controls that read it,
// directly or through a relation, and only those.
func TestUnavailableKinds(t *testing.T) {
	lib, err := policy.Load(library.FS)
	if err != nil {
		t.Fatal(err)
	}
	texts := moduleTexts(lib)
	reason := "cannot list networkpolicies: forbidden"
	np := map[resource.GroupKind]string{{Group: "networking.k8s.io", Kind: "NetworkPolicy"}: reason}
	ns := map[resource.GroupKind]string{{Kind: "Namespace"}: "cannot list namespaces: forbidden"}
	rb := map[resource.GroupKind]string{{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}: "cannot list rolebindings: forbidden"}
	tests := []struct {
		id          string
		unavailable map[resource.GroupKind]string
		skipped     bool
	}{
		{"C-0260", np, true},  // missing network policy: through the relation
		{"C-0030", np, true},  // ingress and egress blocked: through the relation
		{"C-0057", np, false}, // privileged container: needs nothing missing
		{"C-0185", rb, true},  // cluster-admin bindings: RBAC subjects
		{"C-0057", rb, false},
		{"PSS-B1", ns, true},  // Pod Security controls read the namespace's labels
		{"C-0017", ns, false}, // a container field only
	}
	for _, tc := range tests {
		ctl := lib.Control(tc.id)
		if ctl == nil {
			t.Fatalf("no control %s", tc.id)
		}
		got := unavailableReason(ctl, tc.unavailable, texts)
		if (got != "") != tc.skipped {
			t.Errorf("%s with %v: reason %q, want skipped=%v", tc.id, tc.unavailable, got, tc.skipped)
		}
	}
}
