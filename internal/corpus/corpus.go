// Package corpus writes realistic Kubernetes manifests in any number, for benchmarks and load
// tests: applications spread over namespaces, each with its workloads, services, config,
// service accounts, RBAC and (for some) network policies, with a realistic mix of good and bad
// security settings. The output is deterministic for a given seed.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// File is one generated manifest file.
type File struct {
	Name string
	Data []byte
	// Objects is the number of Kubernetes objects in the file.
	Objects int
}

// Options shape a corpus.
type Options struct {
	// Objects is the number of objects to write (at least this many, rounded up to whole
	// applications).
	Objects int
	// Seed makes the corpus reproducible.
	Seed uint64
	// AppsPerNamespace groups applications into namespaces.
	AppsPerNamespace int
	// Cluster writes what a live cluster holds besides the manifests: the ReplicaSets and Pods
	// of every workload, Nodes, and the control-plane static pods in kube-system.
	Cluster bool
}

// Generate writes the corpus as files, one per application (a Helm-less repository layout:
// <namespace>/<app>.yaml), plus one file per namespace with the Namespace and its RBAC.
func Generate(opts Options) []File {
	if opts.AppsPerNamespace <= 0 {
		opts.AppsPerNamespace = 12
	}
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)) //nolint:gosec // reproducible test data, not a secret
	var files []File
	total := 0
	if opts.Cluster {
		g := &gen{r: r, ns: "kube-system", cluster: true}
		g.controlPlane()
		files = append(files, g.file("kube-system/control-plane.yaml"))
		total += files[0].Objects
	}
	for ns := 0; total < opts.Objects; ns++ {
		nsName := fmt.Sprintf("team-%03d", ns)
		g := &gen{r: r, ns: nsName, cluster: opts.Cluster}
		g.namespace()
		files = append(files, g.file(nsName+"/namespace.yaml"))
		total += files[len(files)-1].Objects
		for a := 0; a < opts.AppsPerNamespace && total < opts.Objects; a++ {
			g := &gen{r: r, ns: nsName, cluster: opts.Cluster}
			name := fmt.Sprintf("%s-%d", appNames[r.IntN(len(appNames))], a)
			g.app(name)
			files = append(files, g.file(nsName+"/"+name+".yaml"))
			total += files[len(files)-1].Objects
		}
	}
	return files
}

var appNames = []string{"api", "web", "worker", "billing", "search", "auth", "cart", "catalog", "mailer", "reports", "gateway", "ledger"}

var images = []string{
	"nginx:1.27.2", "ghcr.io/acme/%s:1.%d.0", "registry.acme.internal/%s:2.%d.1", "redis:7.2",
	"postgres:16.4", "busybox", "quay.io/acme/%s@sha256:4f1c3b2a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a", "python:3.12-slim",
}

type gen struct {
	r       *rand.Rand
	ns      string
	b       strings.Builder
	obj     int
	cluster bool
}

func (g *gen) file(name string) File {
	return File{Name: name, Data: []byte(g.b.String()), Objects: g.obj}
}

func (g *gen) doc(format string, args ...any) {
	if g.obj > 0 {
		g.b.WriteString("---\n")
	}
	fmt.Fprintf(&g.b, format, args...)
	g.obj++
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// controlPlane writes a kubeadm-like control plane and a few nodes.
func (g *gen) controlPlane() {
	for i := 0; i < 3; i++ {
		g.doc(`apiVersion: v1
kind: Node
metadata:
  name: node-%d
  labels: {kubernetes.io/os: linux}
spec:
  providerID: aws:///eu-west-1a/i-0%07x
status:
  nodeInfo:
    kubeletVersion: v1.3%d.2
    containerRuntimeVersion: containerd://1.7.%d
    osImage: Ubuntu 24.04 LTS
`, i, g.r.Uint32()&0xfffffff, 5+i%3, 10+i)
	}
	for _, c := range []struct{ name, flags string }{
		{"kube-apiserver", "--authorization-mode=Node,RBAC\n        - --enable-admission-plugins=NodeRestriction\n        - --client-ca-file=/etc/kubernetes/pki/ca.crt\n        - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt\n        - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n        - --etcd-servers=https://127.0.0.1:2379"},
		{"kube-controller-manager", "--use-service-account-credentials=true\n        - --root-ca-file=/etc/kubernetes/pki/ca.crt"},
		{"kube-scheduler", "--bind-address=127.0.0.1"},
		{"etcd", "--cert-file=/etc/kubernetes/pki/etcd/server.crt\n        - --key-file=/etc/kubernetes/pki/etcd/server.key\n        - --client-cert-auth=true"},
	} {
		g.doc(`apiVersion: v1
kind: Pod
metadata:
  name: %s-node-0
  namespace: kube-system
  labels: {component: %s, tier: control-plane}
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
    - name: %s
      image: registry.k8s.io/%s:v1.36.2
      command:
        - %s
        - %s
`, c.name, c.name, c.name, c.name, c.name, strings.ReplaceAll(c.flags, "\\n", "\n"))
	}
}

func (g *gen) namespace() {
	enforce := ""
	if g.chance(0.4) {
		enforce = "\n  labels:\n    pod-security.kubernetes.io/enforce: restricted"
	}
	g.doc("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s%s\n", g.ns, enforce)
	g.doc(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: developer
  namespace: %s
rules:
  - apiGroups: ["", "apps"]
    resources: ["pods", "pods/log", "deployments", "services", "configmaps"]
    verbs: ["get", "list", "watch"]
  - apiGroups: [""]
    resources: ["pods/exec", "pods/portforward"]
    verbs: ["create"]
`, g.ns)
	g.doc(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: developers
  namespace: %s
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: developer
subjects:
  - kind: Group
    name: %s-developers
    apiGroup: rbac.authorization.k8s.io
`, g.ns, g.ns)
	if g.chance(0.2) {
		g.doc(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-admin
  namespace: %s
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: ci
    namespace: %s
`, g.ns, g.ns)
	}
}

func (g *gen) image(name string) string {
	img := images[g.r.IntN(len(images))]
	if strings.Contains(img, "%s") {
		if strings.Count(img, "%") == 2 {
			return fmt.Sprintf(img, name, g.r.IntN(20))
		}
		return fmt.Sprintf(img, name)
	}
	return img
}

// app writes one application: a Deployment (sometimes a StatefulSet), its Service,
// ServiceAccount, ConfigMap, often a NetworkPolicy, an HPA, sometimes a CronJob and an Ingress.
func (g *gen) app(name string) {
	hardened := g.chance(0.5)
	kind := "Deployment"
	if g.chance(0.15) {
		kind = "StatefulSet"
	}
	g.doc(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: %s
  namespace: %s
automountServiceAccountToken: %t
`, name, g.ns, !hardened)
	g.doc(`apiVersion: v1
kind: ConfigMap
metadata:
  name: %s-config
  namespace: %s
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "search,checkout"
  DATABASE_URL: postgres://%s-db.%s.svc:5432/app
`, name, g.ns, name, g.ns)
	g.workload(kind, name, hardened)
	svcType := "ClusterIP"
	if g.chance(0.1) {
		svcType = "LoadBalancer"
	} else if g.chance(0.05) {
		svcType = "NodePort"
	}
	g.doc(`apiVersion: v1
kind: Service
metadata:
  name: %s
  namespace: %s
  labels:
    app.kubernetes.io/name: %s
spec:
  type: %s
  selector:
    app.kubernetes.io/name: %s
  ports:
    - name: http
      port: 80
      targetPort: 8080
`, name, g.ns, name, svcType, name)
	if hardened || g.chance(0.3) {
		g.doc(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: %s
  namespace: %s
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: %s
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: frontend
      ports:
        - port: 8080
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
      ports:
        - port: 53
          protocol: UDP
`, name, g.ns, name)
	}
	g.doc(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: %s
  namespace: %s
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: %s
    name: %s
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`, name, g.ns, kind, name)
	if g.chance(0.3) {
		g.doc(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: %s
  namespace: %s
spec:
  ingressClassName: nginx
  rules:
    - host: %s.%s.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: %s
                port:
                  number: 80
`, name, g.ns, name, g.ns, name)
	}
	if g.chance(0.25) {
		g.cronJob(name+"-cleanup", name, hardened)
	}
}

func (g *gen) securityContext(indent string, hardened bool) string {
	if hardened {
		return indent + "securityContext:\n" +
			indent + "  allowPrivilegeEscalation: false\n" +
			indent + "  readOnlyRootFilesystem: true\n" +
			indent + "  runAsNonRoot: true\n" +
			indent + "  capabilities:\n" + indent + "    drop: [ALL]\n"
	}
	var b strings.Builder
	switch {
	case g.chance(0.05):
		b.WriteString(indent + "securityContext:\n" + indent + "  privileged: true\n")
	case g.chance(0.1):
		b.WriteString(indent + "securityContext:\n" + indent + "  capabilities:\n" + indent + "    add: [NET_ADMIN, SYS_TIME]\n")
	case g.chance(0.4):
		b.WriteString(indent + "securityContext:\n" + indent + "  runAsUser: 1000\n")
	}
	return b.String()
}

func (g *gen) container(indent, name string, hardened bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s- name: %s\n", indent, name)
	in := indent + "  "
	fmt.Fprintf(&b, "%simage: %s\n", in, g.image(name))
	fmt.Fprintf(&b, "%sports:\n%s  - containerPort: 8080\n%s    name: http\n", in, in, in)
	if !hardened && g.chance(0.05) {
		fmt.Fprintf(&b, "%s    hostPort: 8080\n", in)
	}
	fmt.Fprintf(&b, "%senv:\n%s  - name: APP_NAME\n%s    value: %s\n", in, in, in, name)
	switch {
	case !hardened && g.chance(0.1):
		fmt.Fprintf(&b, "%s  - name: API_TOKEN\n%s    value: \"tok-%08x\"\n", in, in, g.r.Uint32())
	case g.chance(0.4):
		fmt.Fprintf(&b, "%s  - name: DB_PASSWORD\n%s    valueFrom:\n%s      secretKeyRef:\n%s        name: %s-db\n%s        key: password\n", in, in, in, in, name, in)
	}
	fmt.Fprintf(&b, "%senvFrom:\n%s  - configMapRef:\n%s      name: %s-config\n", in, in, in, name)
	if hardened || g.chance(0.6) {
		fmt.Fprintf(&b, "%sresources:\n%s  requests:\n%s    cpu: 100m\n%s    memory: 128Mi\n%s  limits:\n%s    cpu: 500m\n%s    memory: 256Mi\n", in, in, in, in, in, in, in)
	}
	if hardened || g.chance(0.5) {
		fmt.Fprintf(&b, "%slivenessProbe:\n%s  httpGet:\n%s    path: /healthz\n%s    port: http\n", in, in, in, in)
		fmt.Fprintf(&b, "%sreadinessProbe:\n%s  httpGet:\n%s    path: /ready\n%s    port: http\n", in, in, in, in)
	}
	b.WriteString(g.securityContext(in, hardened))
	fmt.Fprintf(&b, "%svolumeMounts:\n%s  - name: tmp\n%s    mountPath: /tmp\n", in, in, in)
	return b.String()
}

func (g *gen) podSpec(indent, name string, hardened bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%sserviceAccountName: %s\n", indent, name)
	if hardened {
		fmt.Fprintf(&b, "%sautomountServiceAccountToken: false\n", indent)
		fmt.Fprintf(&b, "%ssecurityContext:\n%s  runAsNonRoot: true\n%s  runAsUser: 10001\n%s  seccompProfile:\n%s    type: RuntimeDefault\n", indent, indent, indent, indent, indent)
	} else if g.chance(0.05) {
		fmt.Fprintf(&b, "%shostNetwork: true\n", indent)
	}
	fmt.Fprintf(&b, "%scontainers:\n", indent)
	b.WriteString(g.container(indent+"  ", "app", hardened))
	if g.chance(0.3) {
		b.WriteString(g.container(indent+"  ", "sidecar", hardened))
	}
	fmt.Fprintf(&b, "%svolumes:\n%s  - name: tmp\n%s    emptyDir: {}\n", indent, indent, indent)
	if !hardened && g.chance(0.08) {
		fmt.Fprintf(&b, "%s  - name: host\n%s    hostPath:\n%s      path: /var/log\n", indent, indent, indent)
	}
	return b.String()
}

func (g *gen) workload(kind, name string, hardened bool) {
	extra := ""
	if kind == "StatefulSet" {
		extra = fmt.Sprintf("  serviceName: %s\n", name)
	}
	replicas := 1 + g.r.IntN(5)
	podSpec := g.podSpec("      ", name, hardened)
	defer func() {
		if !g.cluster {
			return
		}
		owner, ownerKind := name, kind
		if kind == "Deployment" {
			owner, ownerKind = fmt.Sprintf("%s-%08x", name, g.r.Uint32()), "ReplicaSet"
			g.doc(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: %s
  namespace: %s
  labels: {app.kubernetes.io/name: %s}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: %s, uid: 1, controller: true}]
spec:
  replicas: %d
  selector:
    matchLabels: {app.kubernetes.io/name: %s}
  template:
    metadata:
      labels: {app.kubernetes.io/name: %s, app.kubernetes.io/part-of: %s}
    spec:
%s`, owner, g.ns, name, name, replicas, name, name, g.ns, podSpec)
		}
		for i := 0; i < replicas; i++ {
			g.doc(`apiVersion: v1
kind: Pod
metadata:
  name: %s-%d
  namespace: %s
  labels: {app.kubernetes.io/name: %s, app.kubernetes.io/part-of: %s}
  ownerReferences: [{apiVersion: apps/v1, kind: %s, name: %s, uid: 2, controller: true}]
spec:
  nodeName: node-%d
%s`, owner, i, g.ns, name, g.ns, ownerKind, owner, i%3, strings.ReplaceAll(podSpec, "\n      ", "\n  ")[4:])
		}
	}()
	g.doc(`apiVersion: apps/v1
kind: %s
metadata:
  name: %s
  namespace: %s
  labels:
    app.kubernetes.io/name: %s
    app.kubernetes.io/part-of: %s
spec:
  replicas: %d
%s  selector:
    matchLabels:
      app.kubernetes.io/name: %s
  template:
    metadata:
      labels:
        app.kubernetes.io/name: %s
        app.kubernetes.io/part-of: %s
    spec:
%s`, kind, name, g.ns, name, g.ns, replicas, extra, name, name, g.ns, podSpec)
}

func (g *gen) cronJob(name, sa string, hardened bool) {
	g.doc(`apiVersion: batch/v1
kind: CronJob
metadata:
  name: %s
  namespace: %s
spec:
  schedule: "%d * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app.kubernetes.io/name: %s
        spec:
          restartPolicy: OnFailure
%s`, name, g.ns, g.r.IntN(60), name, g.podSpec("          ", sa, hardened))
}
