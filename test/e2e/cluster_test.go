package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/dynamic"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/kastest"
)

var (
	clusterOnce sync.Once
	testCluster *kastest.Cluster
	clusterErr  string
)

// sharedCluster starts one control plane for every cluster test of the package and loads the
// test objects into it.
func sharedCluster(t *testing.T) *kastest.Cluster {
	t.Helper()
	if _, err := kastest.Binaries(); err != nil {
		kastest.Start(t) // skips loudly, or fails under CI
	}
	clusterOnce.Do(func() {
		c, err := startCluster()
		if err != nil {
			clusterErr = err.Error()
			return
		}
		testCluster = c
	})
	if clusterErr != "" {
		t.Fatal(clusterErr)
	}
	return testCluster
}

// fatalRecorder lets kastest.Start run outside a test (once for the package).
type fatalRecorder struct{ msg string }

func (r *fatalRecorder) Helper()             {}
func (r *fatalRecorder) Logf(string, ...any) {}
func (r *fatalRecorder) Fatalf(f string, a ...any) {
	r.msg = "control plane: " + fmt.Sprintf(f, a...)
	panic(r)
}
func (r *fatalRecorder) Skipf(f string, a ...any) {
	r.msg = fmt.Sprintf(f, a...)
	panic(r)
}

func startCluster() (c *kastest.Cluster, err error) {
	rec := &fatalRecorder{}
	defer func() {
		if p := recover(); p != nil {
			if p == rec {
				err = errors.New(rec.msg)
				return
			}
			panic(p)
		}
	}()
	c = kastest.Start(rec)
	if err := loadObjects(c); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

func stopCluster() {
	if testCluster != nil {
		testCluster.Stop()
	}
}

var (
	yes        = true
	no         = false
	replicas   = int32(2)
	labelsWeb  = map[string]string{"app": "web"}
	labelsAPI  = map[string]string{"app": "api"}
	privileged = &corev1.SecurityContext{Privileged: &yes}
)

func podSpec(sc *corev1.SecurityContext) corev1.PodSpec {
	return corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27", SecurityContext: sc}}}
}

// loadObjects creates what the cluster tests scan: workloads of every kind, services, network
// policies (a Kubernetes one and one of a CRD kind, Cilium's), RBAC, config.
func loadObjects(c *kastest.Cluster) error {
	ctx := context.Background()
	k := c.Client
	dyn, err := dynamic.NewForConfig(c.Config)
	if err != nil {
		return err
	}
	var errs []error
	must := func(_ any, err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	// Pod Security admission runs for real: ops allows the host-namespace pod it holds.
	for ns, level := range map[string]string{"shop": "baseline", "ops": "privileged", "ci": "restricted"} {
		must(k.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns,
			Labels: map[string]string{"pod-security.kubernetes.io/enforce": level}}}, metav1.CreateOptions{}))
	}
	must(k.AppsV1().Deployments("shop").Create(ctx, &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{Replicas: &replicas, Selector: &metav1.LabelSelector{MatchLabels: labelsWeb},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labelsWeb}, Spec: podSpec(privileged)}}}, metav1.CreateOptions{}))
	must(k.AppsV1().StatefulSets("shop").Create(ctx, &appsv1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "db"},
		Spec: appsv1.StatefulSetSpec{ServiceName: "db", Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "db"}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "db"}}, Spec: podSpec(nil)}}}, metav1.CreateOptions{}))
	hostNet := podSpec(nil)
	hostNet.HostNetwork = true
	must(k.AppsV1().DaemonSets("ops").Create(ctx, &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "agent"},
		Spec: appsv1.DaemonSetSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "agent"}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "agent"}}, Spec: hostNet}}}, metav1.CreateOptions{}))
	jobSpec := podSpec(nil)
	jobSpec.RestartPolicy = corev1.RestartPolicyNever
	must(k.BatchV1().CronJobs("ops").Create(ctx, &batchv1.CronJob{ObjectMeta: metav1.ObjectMeta{Name: "backup"},
		Spec: batchv1.CronJobSpec{Schedule: "0 2 * * *", JobTemplate: batchv1.JobTemplateSpec{Spec: batchv1.JobSpec{
			Template: corev1.PodTemplateSpec{Spec: jobSpec}}}}}, metav1.CreateOptions{}))
	must(k.BatchV1().Jobs("ops").Create(ctx, &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: "migrate"},
		Spec: batchv1.JobSpec{Template: corev1.PodTemplateSpec{Spec: jobSpec}}}, metav1.CreateOptions{}))
	hostPID := podSpec(nil)
	hostPID.HostPID = true
	must(k.CoreV1().Pods("ops").Create(ctx, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "debug"}, Spec: hostPID}, metav1.CreateOptions{}))
	apiSpec := podSpec(&corev1.SecurityContext{AllowPrivilegeEscalation: &no})
	apiSpec.AutomountServiceAccountToken = &no
	must(k.AppsV1().Deployments("shop").Create(ctx, &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "api"},
		Spec: appsv1.DeploymentSpec{Selector: &metav1.LabelSelector{MatchLabels: labelsAPI},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labelsAPI}, Spec: apiSpec}}}, metav1.CreateOptions{}))
	must(k.CoreV1().Services("shop").Create(ctx, &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, Selector: labelsWeb, Ports: []corev1.ServicePort{{Port: 80}}}}, metav1.CreateOptions{}))
	must(k.CoreV1().ConfigMaps("shop").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"},
		Data: map[string]string{"DB_PASSWORD": "hunter2-but-longer"}}, metav1.CreateOptions{}))
	must(k.NetworkingV1().NetworkPolicies("ops").Create(ctx, &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Name: "deny-all"},
		Spec: networkingv1.NetworkPolicySpec{PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress, networkingv1.PolicyTypeEgress}}}, metav1.CreateOptions{}))
	must(k.CoreV1().ServiceAccounts("ci").Create(ctx, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "deployer"}}, metav1.CreateOptions{}))
	must(k.RbacV1().ClusterRoleBindings().Create(ctx, &rbacv1.ClusterRoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "ci-deployer"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: "cluster-admin"},
		Subjects: []rbacv1.Subject{{Kind: "ServiceAccount", Name: "deployer", Namespace: "ci"}}}, metav1.CreateOptions{}))
	must(k.RbacV1().Roles("shop").Create(ctx, &rbacv1.Role{ObjectMeta: metav1.ObjectMeta{Name: "support"},
		Rules: []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods/exec"}, Verbs: []string{"create"}}}}, metav1.CreateOptions{}))
	must(k.RbacV1().RoleBindings("shop").Create(ctx, &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Name: "support"},
		RoleRef:  rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "support"},
		Subjects: []rbacv1.Subject{{Kind: "Group", Name: "support-team", APIGroup: "rbac.authorization.k8s.io"}}}, metav1.CreateOptions{}))

	// A CRD kind the scan reads when the cluster serves it: Cilium's network policy, selecting
	// the StatefulSet's pods.
	crd := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": "ciliumnetworkpolicies.cilium.io"},
		"spec": map[string]any{
			"group": "cilium.io", "scope": "Namespaced",
			"names": map[string]any{"kind": "CiliumNetworkPolicy", "plural": "ciliumnetworkpolicies", "singular": "ciliumnetworkpolicy", "listKind": "CiliumNetworkPolicyList"},
			"versions": []any{map[string]any{"name": "v2", "served": true, "storage": true,
				"schema": map[string]any{"openAPIV3Schema": map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}},
		},
	}}
	crdGVR := schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}
	must(dyn.Resource(crdGVR).Create(ctx, crd, metav1.CreateOptions{}))
	cnpGVR := schema.GroupVersionResource{Group: "cilium.io", Version: "v2", Resource: "ciliumnetworkpolicies"}
	cnp := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy", "metadata": map[string]any{"name": "db", "namespace": "shop"},
		"spec": map[string]any{"endpointSelector": map[string]any{"matchLabels": map[string]any{"app": "db"}},
			"ingress": []any{map[string]any{"fromEndpoints": []any{map[string]any{"matchLabels": map[string]any{"app": "web"}}}}},
			"egress":  []any{map[string]any{"toEndpoints": []any{map[string]any{"matchLabels": map[string]any{"app": "web"}}}}}},
	}}
	// The CRD takes a moment to be served.
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := dyn.Resource(cnpGVR).Namespace("shop").Create(ctx, cnp, metav1.CreateOptions{})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			errs = append(errs, err)
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return applyYAML(ctx, dyn, filepath.Join("..", "..", "deploy", "clusterrole.yaml"), nil)
}

// applyYAML creates the objects of a manifest file; edit may change each before it is created.
func applyYAML(ctx context.Context, dyn dynamic.Interface, path string, edit func(*unstructured.Unstructured)) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if obj == nil {
			continue
		}
		u := &unstructured.Unstructured{Object: obj}
		if edit != nil {
			edit(u)
		}
		gvk := u.GroupVersionKind()
		plural := strings.ToLower(gvk.Kind) + "s"
		gvr := gvk.GroupVersion().WithResource(plural)
		var ri dynamic.ResourceInterface = dyn.Resource(gvr)
		if u.GetNamespace() != "" {
			ri = dyn.Resource(gvr).Namespace(u.GetNamespace())
		}
		if _, err := ri.Create(ctx, u, metav1.CreateOptions{}); err != nil {
			return err
		}
	}
}

func scanCluster(t *testing.T, kubeconfig string, wantExit int, args ...string) (*finding.Report, result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	r := run(t, "", append(append([]string{"scan"}, args...), "--kubeconfig", kubeconfig, "--format", "json", "--output", out)...)
	wantCode(t, r, wantExit)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, compileSchema(t), string(data))
	var rep finding.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep, r
}

func controlOf(rep *finding.Report, id string) *finding.Control {
	for i := range rep.Controls {
		if rep.Controls[i].ID == id {
			return &rep.Controls[i]
		}
	}
	return nil
}

func TestClusterScan(t *testing.T) {
	c := sharedCluster(t)
	rep, r := scanCluster(t, c.Kubeconfig, 0)
	if rep.Target.Type != "cluster" || rep.Target.Version != "v1.37.2" || rep.Target.Server != c.Config.Host || rep.Target.Context == "" {
		t.Errorf("target %+v", rep.Target)
	}
	if !rep.Summary.Complete {
		t.Errorf("an admin scan is complete: %+v %s", rep.InputProblems, r.stderr)
	}
	fails := failedPairs(rep)
	for _, want := range [][2]string{
		{"C-0057", "apps/v1/shop/Deployment/web"},
		{"C-0041", "apps/v1/ops/DaemonSet/agent"},
		{"C-0038", "/v1/ops/Pod/debug"},
		{"C-0012", "/v1/shop/ConfigMap/settings"},
		{"C-0185", "kubescape.io/v1/ci/ServiceAccount/deployer"},
		{"C-0002", "kubescape.io/v1//Group/support-team"},
		{"C-0256", "apps/v1/shop/Deployment/web"},
		{"C-0260", "apps/v1/shop/Deployment/web"},
	} {
		if !fails[want[0]][want[1]] {
			t.Errorf("%s does not fail on %s", want[0], want[1])
		}
	}
	// Network policies of both kinds count: the Kubernetes deny-all in ops, Cilium's in shop.
	for _, ok := range []string{"apps/v1/ops/DaemonSet/agent", "batch/v1/ops/CronJob/backup", "apps/v1/shop/StatefulSet/db"} {
		if fails["C-0260"][ok] {
			t.Errorf("C-0260 fails on %s, which a network policy selects", ok)
		}
	}
	if c := controlOf(rep, "C-0260"); c == nil || c.Status != finding.StatusFailed {
		t.Errorf("C-0260: %+v", c)
	}
}

// The generated least-privilege ClusterRole is enough: the scan it allows is complete and
// finds exactly what the admin's scan finds.
func TestClusterScanLeastPrivilege(t *testing.T) {
	c := sharedCluster(t)
	ctx := context.Background()
	admin, _ := scanCluster(t, c.Kubeconfig, 0)
	kc := filepath.Join(t.TempDir(), "kubeconfig")
	if err := c.KubeconfigForServiceAccount(ctx, "kubescape", "kubescape", kc); err != nil {
		t.Fatal(err)
	}
	least, r := scanCluster(t, kc, 0)
	if !least.Summary.Complete || strings.Contains(r.stderr, "forbidden") {
		t.Errorf("the least-privilege scan is incomplete: %v\n%s", least.InputProblems, r.stderr)
	}
	a, l := failedPairs(admin), failedPairs(least)
	for id, rs := range a {
		for res := range rs {
			if !l[id][res] {
				t.Errorf("%s on %s fails for the admin but not with the least-privilege role", id, res)
			}
		}
	}
	for id, rs := range l {
		for res := range rs {
			if !a[id][res] {
				t.Errorf("%s on %s fails with the least-privilege role but not for the admin", id, res)
			}
		}
	}
}

// A scan that may not list NetworkPolicies skips the controls that need them, names the
// permission, and exits 3: it never passes or fails them blindly.
func TestClusterScanMissingPermission(t *testing.T) {
	c := sharedCluster(t)
	ctx := context.Background()
	dyn, err := dynamic.NewForConfig(c.Config)
	if err != nil {
		t.Fatal(err)
	}
	err = applyYAML(ctx, dyn, filepath.Join("..", "..", "deploy", "clusterrole.yaml"), func(u *unstructured.Unstructured) {
		switch u.GetKind() {
		case "Namespace":
			u.SetName("kubescape-limited")
		case "ServiceAccount":
			u.SetName("limited")
			u.SetNamespace("kubescape-limited")
		case "ClusterRoleBinding":
			u.SetName("kubescape-limited")
			_ = unstructured.SetNestedField(u.Object, "kubescape-limited", "roleRef", "name")
			_ = unstructured.SetNestedSlice(u.Object, []any{map[string]any{"kind": "ServiceAccount", "name": "limited", "namespace": "kubescape-limited"}}, "subjects")
		case "ClusterRole":
			u.SetName("kubescape-limited")
			rules, _, _ := unstructured.NestedSlice(u.Object, "rules")
			for _, rule := range rules {
				m := rule.(map[string]any)
				var kept []any
				for _, res := range m["resources"].([]any) {
					if res != "networkpolicies" {
						kept = append(kept, res)
					}
				}
				m["resources"] = kept
			}
			_ = unstructured.SetNestedSlice(u.Object, rules, "rules")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	kc := filepath.Join(t.TempDir(), "kubeconfig")
	if err := c.KubeconfigForServiceAccount(ctx, "kubescape-limited", "limited", kc); err != nil {
		t.Fatal(err)
	}
	rep, r := scanCluster(t, kc, 3)
	wantContains(t, r.stderr, "warning: cannot list networkpolicies.networking.k8s.io in the cluster: forbidden (missing permission: list networkpolicies.networking.k8s.io)")
	for _, id := range []string{"C-0260", "C-0030"} {
		ctl := controlOf(rep, id)
		if ctl == nil || ctl.Status != finding.StatusSkipped || !strings.Contains(ctl.SkipReason, "forbidden") {
			t.Errorf("%s: %+v, want skipped for the missing permission", id, ctl)
		}
	}
	if ctl := controlOf(rep, "C-0057"); ctl == nil || ctl.Status != finding.StatusFailed {
		t.Errorf("controls that need nothing missing are still evaluated: C-0057 %+v", ctl)
	}
}

func TestClusterScanNamespaces(t *testing.T) {
	c := sharedCluster(t)
	rep, _ := scanCluster(t, c.Kubeconfig, 0, "--include-namespaces", "ops")
	clusterScoped := false
	for _, r := range rep.Resources {
		if r.Namespace == "shop" {
			t.Errorf("%s is outside --include-namespaces", r.ResourceID)
		}
		clusterScoped = clusterScoped || (r.Namespace == "" && r.Kind != "Group" && r.Kind != "User")
	}
	if !clusterScoped {
		t.Error("cluster-scoped objects are still scanned")
	}
	rep, _ = scanCluster(t, c.Kubeconfig, 0, "--exclude-namespaces", "shop,ci")
	for _, r := range rep.Resources {
		if r.Namespace == "shop" || r.Namespace == "ci" {
			t.Errorf("%s is in an excluded namespace", r.ResourceID)
		}
	}
}

func TestScanWorkload(t *testing.T) {
	c := sharedCluster(t)
	rep, _ := scanCluster(t, c.Kubeconfig, 0, "workload", "deployment/web", "-n", "shop")
	if rep.Target.Workload != "Deployment/shop/web" {
		t.Errorf("target %+v", rep.Target)
	}
	kinds := map[string]bool{}
	for _, r := range rep.Resources {
		kinds[r.Kind+"/"+r.Name] = true
		if r.Kind == "Deployment" && r.Name != "web" || r.Kind == "DaemonSet" {
			t.Errorf("%s is not related to the workload", r.ResourceID)
		}
	}
	if !kinds["Deployment/web"] || !kinds["Service/web"] {
		t.Errorf("the workload and its service are scanned: %v", kinds)
	}
	if !failedPairs(rep)["C-0057"]["apps/v1/shop/Deployment/web"] {
		t.Error("C-0057 fails on the workload")
	}
	wantCode(t, run(t, "", "scan", "workload", "deployment/nope", "-n", "shop", "--kubeconfig", c.Kubeconfig), 3)
	wantCode(t, run(t, "", "scan", "workload", "configmap/settings", "-n", "shop", "--kubeconfig", c.Kubeconfig), 3)
}
