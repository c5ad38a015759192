package index

import (
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

func build(t *testing.T, yaml string) (*Index, map[string]*resource.Object) {
	t.Helper()
	objs, problems := files.Decode("t.yaml", []byte(yaml))
	if len(problems) > 0 {
		t.Fatalf("fixture: %v", problems)
	}
	byName := map[string]*resource.Object{}
	for _, o := range objs {
		byName[o.Kind+"/"+o.Name] = o
	}
	return Build(objs), byName
}

const app = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      serviceAccountName: web
      containers:
        - name: c
          args: ["--configmap=$(POD_NAMESPACE)/nginx", "--other-configmap", "extra"]
          envFrom: [{configMapRef: {name: env}}]
---
apiVersion: v1
kind: Pod
metadata: {name: lonely, namespace: shop, labels: {app: other}}
spec:
  automountServiceAccountToken: false
  containers: [{name: c}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: In, values: [front]}]
  ingress: [{}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: elsewhere, namespace: other}
spec:
  podSelector: {}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: headless, namespace: shop}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata: {name: nginx, namespace: shop}
data: {allow-snippet-annotations: "true"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: env, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: extra, namespace: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: empty}
`

func names(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(map[string]any)["name"].(string))
	}
	return out
}

func TestRelations(t *testing.T) {
	ix, o := build(t, app)
	web := ix.related[o["Deployment/web"].ID()]
	if got := names(web["networkPolicies"]); len(got) != 2 || got[0] != "deny-all" || got[1] != "front" {
		t.Errorf("web policies %v", got)
	}
	for _, p := range web["networkPolicies"].([]any) {
		m := p.(map[string]any)
		switch m["name"] {
		case "deny-all":
			if m["ingress"] != true || m["egress"] != true || m["ingressAllowsAll"] != false {
				t.Errorf("deny-all %v", m)
			}
		case "front":
			if m["ingress"] != true || m["egress"] != false || m["ingressAllowsAll"] != true {
				t.Errorf("front %v", m)
			}
		}
	}
	if got := names(ix.related[o["Pod/lonely"].ID()]["networkPolicies"]); len(got) != 1 || got[0] != "deny-all" {
		t.Errorf("lonely policies %v", got)
	}
	if got := names(web["services"]); len(got) != 1 || got[0] != "web" {
		t.Errorf("web services %v", got)
	}
	if got := ix.related[o["Service/web"].ID()]["workloads"].([]any); len(got) != 1 {
		t.Errorf("service workloads %v", got)
	}
	if got := ix.related[o["Service/headless"].ID()]["workloads"].([]any); len(got) != 0 {
		t.Errorf("a Service without selector selects nothing: %v", got)
	}
	sa := web["serviceAccount"].(map[string]any)
	if sa["name"] != "web" || sa["found"] != true || sa["automountServiceAccountToken"] != false {
		t.Errorf("service account %v", sa)
	}
	if got := names(web["configMaps"]); len(got) != 3 || got[0] != "env" || got[1] != "extra" || got[2] != "nginx" {
		t.Errorf("config maps %v", got)
	}
	if n := ix.related[o["Namespace/shop"].ID()]["networkPolicies"]; n != 2 {
		t.Errorf("shop policies %v", n)
	}
	if n := ix.related[o["Namespace/empty"].ID()]["networkPolicies"]; n != 0 {
		t.Errorf("empty policies %v", n)
	}
}

const rbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {agg: "true"}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: part, labels: {agg: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admins}
roleRef: {kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: jane}, {kind: ServiceAccount, name: ci, namespace: build}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: readers, namespace: build}
roleRef: {kind: ClusterRole, name: agg}
subjects: [{kind: ServiceAccount, name: ci}, {kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: missing, namespace: build}
roleRef: {kind: Role, name: nowhere}
subjects: [{kind: Group, name: devs}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: deploy, namespace: build}
spec:
  template:
    spec:
      serviceAccountName: ci
      containers: [{name: c}]
`

func TestSubjects(t *testing.T) {
	ix, o := build(t, rbac)
	subjects := map[string]*resource.Object{}
	for _, s := range ix.Subjects {
		subjects[s.Kind+"/"+s.Namespace+"/"+s.Name] = s
	}
	if len(subjects) != 3 {
		t.Fatalf("subjects %v", subjects)
	}
	ci := subjects["ServiceAccount/build/ci"]
	bindings := ci.Object["bindings"].([]any)
	if len(bindings) != 2 {
		t.Fatalf("ci bindings %v", bindings)
	}
	admin := bindings[0].(map[string]any)["role"].(map[string]any)
	if admin["name"] != "cluster-admin" || admin["builtin"] != true || len(admin["rules"].([]any)) != 2 {
		t.Errorf("built-in cluster-admin not resolved: %v", admin)
	}
	agg := bindings[1].(map[string]any)["role"].(map[string]any)
	if agg["found"] != true || len(agg["rules"].([]any)) != 1 {
		t.Errorf("aggregated role rules not resolved: %v", agg)
	}
	devs := subjects["Group//devs"].Object["bindings"].([]any)
	if missing := devs[1].(map[string]any)["role"].(map[string]any); missing["found"] != false {
		t.Errorf("missing role %v", missing)
	}
	if w := ix.related[ci.ID()]["workloads"].([]any); len(w) != 1 {
		t.Errorf("ci is mounted by the Job: %v", w)
	}
	g := ix.Grants(ci)
	if len(g) != 2 || g[0].Role != nil || g[1].Role != o["ClusterRole/agg"] || g[1].Binding != o["RoleBinding/readers"] {
		t.Errorf("grants %+v", g)
	}
	if ci.Source.Line != o["ClusterRoleBinding/admins"].Source.Line {
		t.Error("a subject points at its first binding")
	}
}

func TestSelector(t *testing.T) {
	s := parseLabelSelector(map[string]any{
		"matchLabels": map[string]any{"a": "1"},
		"matchExpressions": []any{
			map[string]any{"key": "b", "operator": "NotIn", "values": []any{"x"}},
			map[string]any{"key": "c", "operator": "Exists"},
			map[string]any{"key": "d", "operator": "DoesNotExist"},
		},
	})
	cases := []struct {
		labels map[string]string
		want   bool
	}{
		{map[string]string{"a": "1", "c": ""}, true},
		{map[string]string{"a": "1", "b": "y", "c": "z"}, true},
		{map[string]string{"a": "1", "b": "x", "c": "z"}, false},
		{map[string]string{"a": "1"}, false},
		{map[string]string{"a": "1", "c": "", "d": ""}, false},
		{map[string]string{"a": "2", "c": ""}, false},
	}
	for _, c := range cases {
		if got := s.matches(c.labels); got != c.want {
			t.Errorf("%v: %v, want %v", c.labels, got, c.want)
		}
	}
	if parseLabelSelector(map[string]any{"matchExpressions": []any{map[string]any{"key": "a", "operator": "Bogus"}}}).matches(map[string]string{"a": "1"}) {
		t.Error("an invalid selector must select nothing")
	}
	if !parseLabelSelector(nil).matches(map[string]string{"x": "y"}) {
		t.Error("an empty label selector selects everything")
	}
}

const exposure = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com]}]
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
          - {path: /old, pathType: Prefix, backend: {service: {name: gone, port: {number: 80}}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  rules: [{backendRefs: [{name: web, port: 80}, {name: missing, port: 80}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  gateways: [public]
  http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: gone, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gone}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv}
spec: {storageClassName: fast}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: ebs.csi.aws.com
parameters: {encrypted: "true"}
`

func TestExposureAndReferences(t *testing.T) {
	ix, o := build(t, exposure)
	web := ix.related[o["Deployment/web"].ID()]
	if got := names(web["ingresses"]); len(got) != 1 || got[0] != "web" {
		t.Errorf("ingresses %v", got)
	}
	if got := names(web["routes"]); len(got) != 2 {
		t.Errorf("routes %v (HTTPRoute and VirtualService)", got)
	}
	backends := ix.related[o["Ingress/web"].ID()]["backends"].([]any)
	if len(backends) != 2 || backends[0].(map[string]any)["found"] != true || backends[1].(map[string]any)["found"] != false ||
		backends[1].(map[string]any)["path"] != "spec.rules[0].http.paths[1].backend.service.name" {
		t.Errorf("ingress backends %v", backends)
	}
	rb := ix.related[o["HTTPRoute/web"].ID()]["backends"].([]any)
	if len(rb) != 2 || rb[1].(map[string]any)["found"] != false {
		t.Errorf("route backends %v", rb)
	}
	if ix.related[o["HorizontalPodAutoscaler/web"].ID()]["target"].(map[string]any)["found"] != true ||
		ix.related[o["HorizontalPodAutoscaler/gone"].ID()]["target"].(map[string]any)["found"] != false {
		t.Error("HPA targets")
	}
	sc := ix.related[o["PersistentVolume/pv"].ID()]["storageClass"].(map[string]any)
	if sc["found"] != true || sc["provisioner"] != "ebs.csi.aws.com" {
		t.Errorf("storage class %v", sc)
	}
	if ns := web["namespace"].(map[string]any); ns["found"] != false || ns["name"] != "shop" {
		t.Errorf("namespace %v", ns)
	}
}

func TestServiceAccountGrantsThroughGroups(t *testing.T) {
	ix, o := build(t, `apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all}
roleRef: {kind: ClusterRole, name: view}
subjects: [{kind: Group, name: "system:serviceaccounts"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ns, namespace: shop}
roleRef: {kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: user, namespace: shop}
roleRef: {kind: ClusterRole, name: admin}
subjects: [{kind: User, name: "system:serviceaccount:shop:app"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: other, namespace: other}
roleRef: {kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: "system:serviceaccounts:other"}]
`)
	b := ix.related[o["ServiceAccount/app"].ID()]["bindings"].([]any)
	var got []string
	for _, x := range b {
		got = append(got, x.(map[string]any)["name"].(string))
	}
	if strings.Join(got, ",") != "user,ns,all" {
		t.Errorf("bindings %v, want user, ns, all", got)
	}
}

func TestManaged(t *testing.T) {
	ix, o := build(t, `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {spec: {containers: [{name: c}]}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec: {template: {spec: {containers: [{name: c}]}}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-a
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, controller: true}]
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: orphan
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: gone, controller: true}]
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-node-1
  namespace: kube-system
  ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true}]
spec: {containers: [{name: c}]}
`)
	for name, want := range map[string]bool{"Deployment/web": false, "ReplicaSet/web-1": true, "Pod/web-1-a": true, "Pod/orphan": false, "Pod/kube-apiserver-node-1": false} {
		if got := ix.Managed(o[name]); got != want {
			t.Errorf("%s managed = %v, want %v", name, got, want)
		}
	}
}
