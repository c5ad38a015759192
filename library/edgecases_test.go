package library_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// outcome scans a manifest set with the given controls and returns, per control, the resources
// that failed it ("Kind/namespace/name") and the messages of the findings.
type outcome struct {
	failed   map[string][]string
	messages map[string][]string
	status   map[string]finding.Status
}

func scanWith(t *testing.T, manifests string, controls ...string) outcome {
	t.Helper()
	return scanWithInputs(t, manifests, nil, controls...)
}

func scanWithInputs(t *testing.T, manifests string, inputs map[string][]string, controls ...string) outcome {
	t.Helper()
	c := loadSourceLibrary(t, false)
	if inputs != nil {
		merged := map[string][]string{}
		for k, v := range c.Library.Inputs {
			merged[k] = v
		}
		for k, v := range inputs {
			merged[k] = v
		}
		inputs = merged
	}
	objs, problems := files.Decode("edge.yaml", []byte(manifests))
	for _, p := range problems {
		t.Fatalf("manifest problem: %s", p)
	}
	ctx := context.Background()
	s, err := scan.New(ctx, c, scan.Selection{ControlIDs: controls}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles, Inputs: inputs})
	if err != nil {
		t.Fatal(err)
	}
	out := outcome{failed: map[string][]string{}, messages: map[string][]string{}, status: map[string]finding.Status{}}
	for _, ctl := range res.Report.Controls {
		out.status[ctl.ID] = ctl.Status
	}
	for _, r := range res.Results {
		if r.Status == finding.StatusSkipped {
			t.Errorf("%s skipped on %s: %s", r.ControlID, r.Object.ID(), r.Reason)
		}
		if r.Status != finding.StatusFailed {
			continue
		}
		out.failed[r.ControlID] = append(out.failed[r.ControlID], r.Object.Kind+"/"+r.Object.Namespace+"/"+r.Object.Name)
		for _, f := range r.Findings {
			out.messages[r.ControlID] = append(out.messages[r.ControlID], f.Message)
		}
	}
	for k := range out.failed {
		sort.Strings(out.failed[k])
	}
	return out
}

func (o outcome) wantFailed(t *testing.T, control string, resources ...string) {
	t.Helper()
	sort.Strings(resources)
	if got := strings.Join(o.failed[control], " "); got != strings.Join(resources, " ") {
		t.Errorf("%s failed %q, want %q", control, got, strings.Join(resources, " "))
	}
}

const deployTemplate = `apiVersion: apps/v1
kind: Deployment
metadata: {name: NAME, namespace: shop}
spec:
  selector: {matchLabels: {app: NAME}}
  template:
    metadata: {labels: LABELS}
    spec:
      containers: [{name: c, image: nginx:1.27}]
`

func deploy(name, labels string) string {
	return strings.NewReplacer("NAME", name, "LABELS", labels).Replace(deployTemplate)
}

// Network policy selection semantics (C-0260: selected at all; C-0030: ingress and egress
// restricted).
func TestEdgeNetworkPolicyEmptyPodSelectorSelectsAll(t *testing.T) {
	o := scanWith(t, deploy("a", "{app: a}")+"---\n"+deploy("b", "{app: b}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`, "C-0260", "C-0030")
	o.wantFailed(t, "C-0260")
	o.wantFailed(t, "C-0030")
}

func TestEdgeNetworkPolicyMatchExpressions(t *testing.T) {
	o := scanWith(t, deploy("in", "{app: in, tier: web}")+"---\n"+deploy("notin", "{app: notin, tier: db}")+"---\n"+
		deploy("exists", "{app: exists, team: x}")+"---\n"+deploy("none", "{app: none, legacy: 'y'}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector:
    matchExpressions:
      - {key: tier, operator: NotIn, values: [db]}
      - {key: legacy, operator: DoesNotExist}
`, "C-0260")
	// "in" and "exists" are selected (tier not db, no legacy label); "notin" has tier db;
	// "none" has the legacy label.
	o.wantFailed(t, "C-0260", "Deployment/shop/none", "Deployment/shop/notin")
	o = scanWith(t, deploy("in", "{app: in, tier: web}")+"---\n"+deploy("out", "{app: out}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector:
    matchExpressions:
      - {key: tier, operator: In, values: [web, api]}
      - {key: app, operator: Exists}
`, "C-0260")
	o.wantFailed(t, "C-0260", "Deployment/shop/out")
}

// Without policyTypes, a policy polices Ingress always and Egress only when it has egress rules.
func TestEdgeNetworkPolicyTypesDefaulting(t *testing.T) {
	o := scanWith(t, deploy("a", "{app: a}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ingress-only, namespace: shop}
spec:
  podSelector: {}
  ingress: []
`, "C-0030")
	o.wantFailed(t, "C-0030", "Deployment/shop/a")
	if msgs := strings.Join(o.messages["C-0030"], "\n"); !strings.Contains(msgs, "Egress") || strings.Contains(msgs, "Ingress of") {
		t.Errorf("only egress should be open: %s", msgs)
	}
	o = scanWith(t, deploy("a", "{app: a}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: both, namespace: shop}
spec:
  podSelector: {}
  ingress: []
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
`, "C-0030")
	o.wantFailed(t, "C-0030")
}

// A policy in the same set of manifests counts, in another namespace it does not.
func TestEdgeNetworkPolicyInSameManifestSetCounts(t *testing.T) {
	policy := `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: NS}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`
	o := scanWith(t, deploy("a", "{app: a}")+strings.ReplaceAll(policy, "NS", "shop"), "C-0030", "C-0260")
	o.wantFailed(t, "C-0030")
	o = scanWith(t, deploy("a", "{app: a}")+strings.ReplaceAll(policy, "NS", "other"), "C-0030", "C-0260")
	o.wantFailed(t, "C-0030", "Deployment/shop/a")
	o.wantFailed(t, "C-0260", "Deployment/shop/a")
}

// A policy that allows all traffic in a direction leaves that direction open, even next to a
// deny-all policy: allows add up.
func TestEdgeNetworkPolicyAllowAllDoesNotBlock(t *testing.T) {
	o := scanWith(t, deploy("a", "{app: a}")+`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: a}}
  ingress: [{}]
`, "C-0030")
	o.wantFailed(t, "C-0030", "Deployment/shop/a")
}

const roleAndBinding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cm-editor}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [patch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: NS}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cm-editor}
subjects: [{kind: User, name: jane}]
`

// A RoleBinding to a ClusterRole grants it only in its namespace: patching config maps in "shop"
// cannot poison CoreDNS in kube-system (C-0037); in kube-system it can.
func TestEdgeRBACRoleBindingToClusterRoleIsNamespaceScoped(t *testing.T) {
	o := scanWith(t, strings.ReplaceAll(roleAndBinding, "NS", "shop"), "C-0037")
	o.wantFailed(t, "C-0037")
	o = scanWith(t, strings.ReplaceAll(roleAndBinding, "NS", "kube-system"), "C-0037")
	o.wantFailed(t, "C-0037", "User//jane")
}

func TestEdgeRBACAggregatedClusterRoleIsExpanded(t *testing.T) {
	o := scanWith(t, `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}}]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
  labels: {rbac.example.com/aggregate-to-monitoring: "true"}
rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
subjects: [{kind: Group, name: sre}]
`, "C-0015")
	o.wantFailed(t, "C-0015", "Group//sre")
}

func TestEdgeRBACWildcards(t *testing.T) {
	rule := func(groups, resources, verbs string) string {
		return `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules: [{apiGroups: ` + groups + `, resources: ` + resources + `, verbs: ` + verbs + `}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: b}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects: [{kind: User, name: jane}]
`
	}
	for name, tc := range map[string]struct {
		groups, resources, verbs string
		fails                    bool
	}{
		"wildcard verb":                   {`[""]`, `[secrets]`, `["*"]`, true},
		"wildcard resource":               {`[""]`, `["*"]`, `[get]`, true},
		"wildcard group":                  {`["*"]`, `[secrets]`, `[list]`, true},
		"other group":                     {`[apps]`, `["*"]`, `["*"]`, false},
		"other verb":                      {`[""]`, `[secrets]`, `[create]`, false},
		"all three":                       {`["*"]`, `["*"]`, `["*"]`, true},
		"subresource is not the resource": {`[""]`, `[secrets/status]`, `[get]`, false},
	} {
		t.Run(name, func(t *testing.T) {
			o := scanWith(t, rule(tc.groups, tc.resources, tc.verbs), "C-0015")
			if tc.fails {
				o.wantFailed(t, "C-0015", "User//jane")
			} else {
				o.wantFailed(t, "C-0015")
			}
		})
	}
}

// Subresources: pods/exec is reached by pods/exec and */exec, not by pods nor by "pods/*" (which
// the RBAC authorizer does not treat as a wildcard).
func TestEdgeRBACSubresources(t *testing.T) {
	for resources, fails := range map[string]bool{`[pods/exec]`: true, `["pods/*"]`: false, `["*/exec"]`: true, `[pods]`: false, `[pods/log]`: false} {
		o := scanWith(t, `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules: [{apiGroups: [""], resources: `+resources+`, verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: User, name: jane}]
`, "C-0002")
		if fails {
			o.wantFailed(t, "C-0002", "User//jane")
		} else {
			o.wantFailed(t, "C-0002")
		}
	}
}

// A service account subject is resolved to the workloads that mount its token (C-0053).
func TestEdgeRBACServiceAccountResolvedToWorkloads(t *testing.T) {
	manifests := `apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: deployer}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: deploy, namespace: ci}
spec:
  template:
    spec:
      serviceAccountName: deployer
      automountServiceAccountToken: AUTOMOUNT
      restartPolicy: Never
      containers: [{name: c, image: bitnami/kubectl:1.30}]
`
	o := scanWith(t, strings.ReplaceAll(manifests, "AUTOMOUNT", "true"), "C-0053")
	o.wantFailed(t, "C-0053", "ServiceAccount/ci/deployer")
	if !strings.Contains(strings.Join(o.messages["C-0053"], ""), "deploy") {
		t.Errorf("the message should name the workload: %v", o.messages["C-0053"])
	}
	o = scanWith(t, strings.ReplaceAll(manifests, "AUTOMOUNT", "false"), "C-0053")
	o.wantFailed(t, "C-0053")
}

// Every workload kind carries a pod template, and init and ephemeral containers are containers.
func TestEdgePodTemplatesOfEveryKind(t *testing.T) {
	spec := `      initContainers: [{name: init, image: busybox:1.36, securityContext: {privileged: true}}]
      containers: [{name: c, image: nginx:1.27}]
`
	var b strings.Builder
	for _, kind := range []string{"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"} {
		group := "apps/v1"
		if kind == "Job" {
			group = "batch/v1"
		}
		b.WriteString("---\napiVersion: " + group + "\nkind: " + kind + "\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n" + spec)
	}
	b.WriteString("---\napiVersion: v1\nkind: ReplicationController\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n" + spec)
	b.WriteString("---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n" +
		strings.ReplaceAll(spec, "      ", "          "))
	b.WriteString("---\napiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  containers: [{name: c, image: nginx:1.27}]\n  ephemeralContainers: [{name: debug, image: busybox:1.36, securityContext: {privileged: true}}]\n")
	o := scanWith(t, b.String(), "C-0057")
	o.wantFailed(t, "C-0057", "CronJob//w", "DaemonSet//w", "Deployment//w", "Job//w", "Pod//w", "ReplicaSet//w", "ReplicationController//w", "StatefulSet//w")
}

// Credentials in configuration (C-0012): literal values whose names or values look like
// secrets fail; references, paths, empty values and allow-listed names do not.
func TestEdgeSecretsDetection(t *testing.T) {
	pod := func(env string) string {
		return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      env:\n" + env
	}
	for name, tc := range map[string]struct {
		env   string
		fails bool
	}{
		"password literal":    {"        - {name: DB_PASSWORD, value: hunter2}\n", true},
		"token value pattern": {"        - {name: SETTING, value: ghp_0123456789abcdefghijABCDEFGHIJ012345}\n", true},
		"valueFrom reference": {"        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: {name: db, key: password}}\n", false},
		"file path":           {"        - {name: TLS_KEY, value: /etc/tls/tls.key}\n", false},
		"empty":               {"        - {name: API_TOKEN, value: \"\"}\n", false},
		"env reference":       {"        - {name: API_TOKEN, value: $(TOKEN_FROM_FILE)}\n", false},
		"pointer name":        {"        - {name: SECRET_NAME, value: my-secret}\n", false},
		"word boundary":       {"        - {name: KEYCLOAK_URL, value: https://sso.example.com}\n", false},
		"url with password":   {"        - {name: DATABASE_URL, value: postgres://app:s3cret@db:5432/app}\n", true},
	} {
		t.Run(name, func(t *testing.T) {
			o := scanWith(t, pod(tc.env), "C-0012")
			if tc.fails {
				o.wantFailed(t, "C-0012", "Pod//p")
			} else {
				o.wantFailed(t, "C-0012")
			}
		})
	}
	t.Run("allow-listed name", func(t *testing.T) {
		env := "        - {name: DB_PASSWORD, value: hunter2}\n"
		o := scanWithInputs(t, pod(env), map[string][]string{"sensitiveKeyNamesAllowed": {"db_password"}}, "C-0012")
		o.wantFailed(t, "C-0012")
	})
	t.Run("allow-listed value", func(t *testing.T) {
		env := "        - {name: SETTING, value: ghp_0123456789abcdefghijABCDEFGHIJ012345}\n"
		o := scanWithInputs(t, pod(env), map[string][]string{"sensitiveValuesAllowed": {"^ghp_0123"}}, "C-0012")
		o.wantFailed(t, "C-0012")
	})
}
