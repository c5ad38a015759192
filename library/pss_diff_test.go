package library_test

// The Pod Security Standards controls (PSS-B1 ... PSS-B12, PSS-R1 ... PSS-R7) must decide
// exactly as the API server's PodSecurity admission decides. This test generates thousands of
// pod specs (deterministic seed) around the fields each rule reads, evaluates every spec at
// many policy versions with the Kubernetes project's own checks
// (k8s.io/pod-security-admission/policy) and with our controls through the real engine, and
// requires them to agree on allowed/forbidden:
//
//   - per check: each Kubernetes check ID has one control; the check alone, evaluated by
//     policy.NewEvaluator at its level and the namespace's version, allows the pod exactly
//     when the control has no finding on it;
//   - per level: the baseline and restricted evaluators (policy.DefaultChecks()) allow the pod
//     exactly when the controls of the level pass, where a restricted check replaces the
//     baseline checks it overrides at that version, as PodSecurity admission does.
//
// The version reaches our controls the way it does in a scan: the pod sits in a Namespace whose
// pod-security.kubernetes.io/enforce-version label holds it.

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	psaapi "k8s.io/pod-security-admission/api"
	psa "k8s.io/pod-security-admission/policy"

	"github.com/kubescape-ng/kubescape/internal/engine"
	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/resource"
	"github.com/kubescape-ng/kubescape/internal/scan"
	"github.com/kubescape-ng/kubescape/internal/source/files"
)

// pssCheckControl maps every Kubernetes check ID to the control that implements it.
var pssCheckControl = map[psa.CheckID]string{
	"windowsHostProcess":         "PSS-B1",
	"hostNamespaces":             "PSS-B2",
	"privileged":                 "PSS-B3",
	"capabilities_baseline":      "PSS-B4",
	"hostPathVolumes":            "PSS-B5",
	"hostPorts":                  "PSS-B6",
	"appArmorProfile":            "PSS-B7",
	"seLinuxOptions":             "PSS-B8",
	"procMount":                  "PSS-B9",
	"seccompProfile_baseline":    "PSS-B10",
	"sysctls":                    "PSS-B11",
	"hostProbesAndHostLifecycle": "PSS-B12",
	"restrictedVolumes":          "PSS-R1",
	"allowPrivilegeEscalation":   "PSS-R2",
	"runAsNonRoot":               "PSS-R3",
	"runAsUser":                  "PSS-R4",
	"seccompProfile_restricted":  "PSS-R5",
	"capabilities_restricted":    "PSS-R6",
	"procMount_restricted":       "PSS-R7",
}

// pssNamespace is a Namespace of the generated input and the version label it carries.
type pssNamespace struct {
	name  string
	label *string // enforce-version label; nil: none
	// noObject: the Namespace object is not in the input (as in most file scans).
	noObject bool
}

func strp(s string) *string { return &s }

// pssNamespaces cover every version where a rule changes, the versions around those changes,
// "latest", a missing label, a missing Namespace, invalid labels (PodSecurity admission falls
// back to latest) and a future version (clamped to the newest the checks know).
func pssNamespaces() []pssNamespace {
	var out []pssNamespace
	for _, m := range []int{0, 7, 8, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37} {
		out = append(out, pssNamespace{name: fmt.Sprintf("v1-%d", m), label: strp(fmt.Sprintf("v1.%d", m))})
	}
	return append(out,
		pssNamespace{name: "future", label: strp("v1.40")},
		pssNamespace{name: "latest", label: strp("latest")},
		pssNamespace{name: "nolabel"},
		pssNamespace{name: "absent", noObject: true},
		pssNamespace{name: "leading-zero", label: strp("v1.05")},
		pssNamespace{name: "no-v", label: strp("1.30")},
		pssNamespace{name: "major-two", label: strp("v2.0")},
	)
}

// version is the policy version PodSecurity admission evaluates for the namespace.
func (n pssNamespace) version() psaapi.Version {
	if n.label == nil {
		return psaapi.LatestVersion()
	}
	v, _ := psaapi.ParseVersion(*n.label) // invalid values yield latest, as in admission
	return v
}

func (n pssNamespace) describe() string {
	switch {
	case n.noObject:
		return "no Namespace object (latest)"
	case n.label == nil:
		return "Namespace without enforce-version label (latest)"
	default:
		return fmt.Sprintf("enforce-version %q (evaluated as %s)", *n.label, n.version())
	}
}

// pssCase is one generated pod spec.
type pssCase struct {
	meta metav1.ObjectMeta
	spec corev1.PodSpec
	kind string
	// namespaces are the indexes of the namespaces the spec is evaluated in.
	namespaces []int
}

func TestPSSDifferential(t *testing.T) {
	// Every spec is evaluated in perSpec of the namespaces (a deterministic choice), so that each
	// policy version sees about specs*perSpec/len(namespaces) pods.
	specs, perSpec := 3000, 10
	if testing.Short() {
		specs = 600
	}
	ctx := context.Background()

	// Kubernetes: one evaluator per check, and one per level.
	checks := psa.DefaultChecks()
	levelEval, err := psa.NewEvaluator(checks, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkEval := map[psa.CheckID]psa.Evaluator{}
	checkLevel := map[psa.CheckID]psaapi.Level{}
	for _, c := range checks {
		if _, ok := pssCheckControl[c.ID]; !ok {
			t.Errorf("Kubernetes check %q has no PSS control: add one and map it in pssCheckControl", c.ID)
			continue
		}
		ev, err := psa.NewEvaluator([]psa.Check{c}, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkEval[c.ID] = ev
		checkLevel[c.ID] = c.Level
	}
	if len(checkEval) != len(pssCheckControl) {
		t.Errorf("pssCheckControl maps %d checks, Kubernetes has %d", len(pssCheckControl), len(checkEval))
	}

	// Ours: the library from the source tree, only the PSS workload controls.
	c := loadSourceLibrary(t, false)
	var ids []string
	for _, id := range pssCheckControl {
		if c.Library.Control(id) == nil {
			t.Fatalf("control %s is not in the library", id)
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	s, err := scan.New(ctx, c, scan.Selection{ControlIDs: ids}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}

	g := &pssGen{r: rand.New(rand.NewPCG(20240611, 37))}
	namespaces := pssNamespaces()
	cases := make([]pssCase, specs)
	for i := range cases {
		cases[i] = g.pod()
		cases[i].namespaces = g.r.Perm(len(namespaces))[:perSpec]
	}

	var objs []*resource.Object
	for _, ns := range namespaces {
		if ns.noObject {
			continue
		}
		labels := map[string]any{"pod-security.kubernetes.io/enforce": "restricted"}
		if ns.label != nil {
			labels["pod-security.kubernetes.io/enforce-version"] = *ns.label
		}
		objs = append(objs, decodeOne(t, map[string]any{
			"apiVersion": "v1", "kind": "Namespace",
			"metadata": map[string]any{"name": ns.name, "labels": labels},
		}))
	}
	for i, pc := range cases {
		for _, n := range pc.namespaces {
			objs = append(objs, decodeOne(t, pc.object(fmt.Sprintf("p%d", i), namespaces[n].name)))
		}
	}
	res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetCluster})
	if err != nil {
		t.Fatal(err)
	}

	// findings[object ID][control ID]
	findings := map[string]map[string][]finding.Finding{}
	evaluated := map[string]map[string]bool{}
	for _, r := range res.Results {
		if r.Object.Kind == "Namespace" {
			continue
		}
		id := r.Object.ID()
		if r.Status == finding.StatusSkipped {
			t.Errorf("%s skipped on %s: %s", r.ControlID, id, r.Reason)
		}
		if evaluated[id] == nil {
			evaluated[id] = map[string]bool{}
			findings[id] = map[string][]finding.Finding{}
		}
		evaluated[id][r.ControlID] = true
		findings[id][r.ControlID] = append(findings[id][r.ControlID], r.Findings...)
		for _, f := range r.Findings {
			if len(f.FailedPaths)+len(f.FixPaths)+len(f.DeletePaths)+len(f.ReviewPaths) == 0 {
				t.Errorf("%s on %s: finding without any path: %s", r.ControlID, id, f.Message)
			}
		}
	}

	type tally struct{ allowed, forbidden int }
	perCheck := map[psa.CheckID]*tally{}
	perLevel := map[psaapi.Level]*tally{psaapi.LevelBaseline: {}, psaapi.LevelRestricted: {}}
	// verdicts[check][spec]: the outcomes a spec had across its versions; a spec with both
	// shows that the generator reaches a version boundary of the check.
	verdicts := map[psa.CheckID]map[int]map[bool]bool{}
	disagreements := map[string]int{}
	naiveDiffers := 0
	report := func(key string, format string, args ...any) {
		disagreements[key]++
		if disagreements[key] <= 3 {
			t.Errorf(format, args...)
		}
	}

	for i := range cases {
		pc := &cases[i]
		for _, n := range pc.namespaces {
			ns := namespaces[n]
			v := ns.version()
			obj := pc.objectID(fmt.Sprintf("p%d", i), ns.name)
			if evaluated[obj] == nil {
				t.Fatalf("%s was not evaluated", obj)
			}
			fails := map[string]bool{}
			for _, id := range ids {
				if !evaluated[obj][id] {
					t.Fatalf("%s was not evaluated on %s", id, obj)
				}
				fails[id] = len(findings[obj][id]) > 0
			}
			// Per check.
			for id, ev := range checkEval {
				ctl := pssCheckControl[id]
				allowed := psa.AggregateCheckResults(ev.EvaluatePod(psaapi.LevelVersion{Level: checkLevel[id], Version: v}, &pc.meta, &pc.spec))
				if perCheck[id] == nil {
					perCheck[id] = &tally{}
				}
				if verdicts[id] == nil {
					verdicts[id] = map[int]map[bool]bool{}
				}
				if verdicts[id][i] == nil {
					verdicts[id][i] = map[bool]bool{}
				}
				verdicts[id][i][allowed.Allowed] = true
				if allowed.Allowed {
					perCheck[id].allowed++
				} else {
					perCheck[id].forbidden++
				}
				if allowed.Allowed == fails[ctl] {
					report(string(id), "%s vs Kubernetes check %s at %s: Kubernetes allowed=%v (%s), %s findings: %s\nobject: %s",
						ctl, id, ns.describe(), allowed.Allowed, allowed.ForbiddenDetail(), ctl, messages(findings[obj][ctl]), pc.json(t))
				}
			}
			// Per level.
			for _, level := range []psaapi.Level{psaapi.LevelBaseline, psaapi.LevelRestricted} {
				agg := psa.AggregateCheckResults(levelEval.EvaluatePod(psaapi.LevelVersion{Level: level, Version: v}, &pc.meta, &pc.spec))
				if agg.Allowed {
					perLevel[level].allowed++
				} else {
					perLevel[level].forbidden++
				}
				overridden := overriddenAt(checks, level, v)
				ours, naive := false, false
				var failing []string
				for _, ch := range checks {
					if level == psaapi.LevelBaseline && ch.Level != psaapi.LevelBaseline {
						continue
					}
					ctl := pssCheckControl[ch.ID]
					if fails[ctl] {
						naive = true
						if !overridden[ch.ID] {
							ours = true
							failing = append(failing, ctl)
						}
					}
				}
				if agg.Allowed == ours {
					report("level "+string(level), "level %s at %s: Kubernetes allowed=%v (%s), failing controls %v\nobject: %s",
						level, ns.describe(), agg.Allowed, agg.ForbiddenDetail(), failing, pc.json(t))
				}
				// Every control of the framework reported on its own differs from the level only
				// where a restricted check overrides a baseline one, which happens only for pods
				// the API rejects anyway (a Windows pod that sets capabilities or seccomp, a
				// volume with two sources).
				if naive != ours {
					naiveDiffers++
					if !pc.apiInvalid() {
						report("override", "level %s at %s: an overridden baseline check decides a valid pod\nobject: %s", level, ns.describe(), pc.json(t))
					}
				}
			}
		}
	}

	var keys []string
	for k := range disagreements {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s: %d disagreements", k, disagreements[k])
	}
	for _, c := range checks {
		tl := perCheck[c.ID]
		if tl == nil {
			continue
		}
		flips := 0
		for _, outcomes := range verdicts[c.ID] {
			if len(outcomes) == 2 {
				flips++
			}
		}
		t.Logf("%-28s %-8s allowed %6d forbidden %6d; %4d specs decided differently by version", c.ID, pssCheckControl[c.ID], tl.allowed, tl.forbidden, flips)
		if tl.allowed == 0 || tl.forbidden < 20 {
			t.Errorf("check %s: the generated specs do not exercise both outcomes enough (allowed %d, forbidden %d)", c.ID, tl.allowed, tl.forbidden)
		}
		if len(c.Versions) > 1 || c.Versions[0].MinimumVersion != psaapi.MajorMinorVersion(1, 0) {
			if flips < 10 {
				t.Errorf("check %s changes with the version, but only %d specs cross a version boundary", c.ID, flips)
			}
		}
	}
	for _, level := range []psaapi.Level{psaapi.LevelBaseline, psaapi.LevelRestricted} {
		tl := perLevel[level]
		t.Logf("level %-10s allowed %6d forbidden %6d", level, tl.allowed, tl.forbidden)
		if tl.allowed < 100 || tl.forbidden < 100 {
			t.Errorf("level %s: the generated specs do not exercise both outcomes enough", level)
		}
	}
	t.Logf("%d specs x %d of %d namespaces; %d level verdicts where an overridden baseline check (API-invalid pod) differs", len(cases), perSpec, len(namespaces), naiveDiffers)
}

// overriddenAt lists the baseline checks that the restricted checks applying at version v
// replace (none at baseline level).
func overriddenAt(checks []psa.Check, level psaapi.Level, v psaapi.Version) map[psa.CheckID]bool {
	out := map[psa.CheckID]bool{}
	if level != psaapi.LevelRestricted {
		return out
	}
	for _, c := range checks {
		if c.Level != psaapi.LevelRestricted {
			continue
		}
		var applicable *psa.VersionedCheck
		for i := range c.Versions {
			if !v.Older(c.Versions[i].MinimumVersion) {
				applicable = &c.Versions[i]
			}
		}
		if applicable == nil {
			continue
		}
		for _, id := range applicable.OverrideCheckIDs {
			out[id] = true
		}
	}
	return out
}

func messages(fs []finding.Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%q %v", f.Message, append(append([]string{}, f.FailedPaths...), fixPathsOf(f)...)))
	}
	return strings.Join(out, "; ")
}

func fixPathsOf(f finding.Finding) []string {
	var out []string
	for _, p := range f.FixPaths {
		out = append(out, "fix:"+p.Path+"="+p.Value)
	}
	for _, p := range f.DeletePaths {
		out = append(out, "delete:"+p)
	}
	return out
}

func decodeOne(t *testing.T, obj any) *resource.Object {
	t.Helper()
	data, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	objs, problems := files.Decode("generated.json", data)
	if len(problems) > 0 || len(objs) != 1 {
		t.Fatalf("decode %s: %v", data, problems)
	}
	return objs[0]
}

// object wraps the pod spec in the case's workload kind.
func (pc *pssCase) object(name, ns string) map[string]any {
	var spec map[string]any
	data, _ := json.Marshal(pc.spec)
	_ = json.Unmarshal(data, &spec)
	podMeta := map[string]any{}
	if len(pc.meta.Annotations) > 0 {
		podMeta["annotations"] = pc.meta.Annotations
	}
	meta := map[string]any{"name": name, "namespace": ns}
	template := map[string]any{"metadata": podMeta, "spec": spec}
	switch pc.kind {
	case "Pod":
		for k, v := range podMeta {
			meta[k] = v
		}
		return map[string]any{"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}
	case "PodTemplate":
		return map[string]any{"apiVersion": "v1", "kind": "PodTemplate", "metadata": meta, "template": template}
	case "ReplicationController":
		return map[string]any{"apiVersion": "v1", "kind": pc.kind, "metadata": meta, "spec": map[string]any{"template": template}}
	case "Job":
		return map[string]any{"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": map[string]any{"template": template}}
	case "CronJob":
		return map[string]any{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta, "spec": map[string]any{
			"schedule": "* * * * *", "jobTemplate": map[string]any{"spec": map[string]any{"template": template}},
		}}
	default:
		return map[string]any{"apiVersion": "apps/v1", "kind": pc.kind, "metadata": meta, "spec": map[string]any{"template": template}}
	}
}

func (pc *pssCase) objectID(name, ns string) string {
	o := pc.object(name, ns)
	m := o["metadata"].(map[string]any)
	return resource.ID(o["apiVersion"].(string), m["namespace"].(string), pc.kind, name)
}

func (pc *pssCase) json(t *testing.T) string {
	data, err := json.Marshal(map[string]any{"kind": pc.kind, "annotations": pc.meta.Annotations, "spec": pc.spec})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// apiInvalid: the pod is one the API server's validation rejects in a way that lets a
// restricted check override a baseline one (a Windows pod that sets Linux capabilities or a
// seccomp profile, a volume with more than one source).
func (pc *pssCase) apiInvalid() bool {
	for _, v := range pc.spec.Volumes {
		if sourceCount(v.VolumeSource) > 1 {
			return true
		}
	}
	if pc.spec.OS == nil || pc.spec.OS.Name != corev1.Windows {
		return false
	}
	if sc := pc.spec.SecurityContext; sc != nil && sc.SeccompProfile != nil {
		return true
	}
	bad := false
	visit(&pc.spec, func(c *corev1.Container) {
		if sc := c.SecurityContext; sc != nil && (sc.SeccompProfile != nil || sc.Capabilities != nil) {
			bad = true
		}
	})
	return bad
}

func sourceCount(vs corev1.VolumeSource) int {
	var m map[string]any
	data, _ := json.Marshal(vs)
	_ = json.Unmarshal(data, &m)
	return len(m)
}

func visit(spec *corev1.PodSpec, f func(*corev1.Container)) {
	for i := range spec.InitContainers {
		f(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		f(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		f((*corev1.Container)(&spec.EphemeralContainers[i].EphemeralContainerCommon))
	}
}

// ---------------------------------------------------------------------------------------------
// Generator

type pssGen struct{ r *rand.Rand }

func (g *pssGen) p(prob float64) bool { return g.r.Float64() < prob }

func pickOne[T any](g *pssGen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

func ptr[T any](v T) *T { return &v }

var (
	pssCapsAdd = []corev1.Capability{
		"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
		"SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
		"NET_BIND_SERVICE", "NET_BIND_SERVICE",
		"NET_RAW", "SYS_ADMIN", "ALL", "SYS_PTRACE", "NET_ADMIN", "chown", "CAP_CHOWN", "net_bind_service", "CAP_NET_BIND_SERVICE", "",
	}
	pssCapsDrop      = []corev1.Capability{"ALL", "ALL", "ALL", "all", "NET_RAW", "CHOWN", "", "CAP_ALL", " ALL"}
	pssSeccompTypes  = []corev1.SeccompProfileType{"RuntimeDefault", "RuntimeDefault", "Localhost", "Unconfined", "", "runtimedefault", "RuntimeDefault "}
	pssAppArmorTypes = []corev1.AppArmorProfileType{"RuntimeDefault", "Localhost", "Unconfined", "", "localhost", "unconfined"}
	pssSELinuxTypes  = []string{"", "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t", "container_engine_t", "spc_t", "unconfined_t", "Container_t", "container_t "}
	pssProcMounts    = []corev1.ProcMountType{"Default", "Default", "Unmasked", "", "default"}
	pssSysctls       = []string{
		"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
		"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
		"net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
		"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
		"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",
		"kernel.msgmax", "net.core.somaxconn", "kernel.shm_rmid_forced ", "", "net/ipv4/tcp_syncookies", "vm.swappiness",
	}
	pssAppArmorAnnotationValues = []string{"runtime/default", "localhost/custom", "localhost/", "unconfined", "", "docker/default", "Runtime/default", "localhost"}
	pssSeccompAnnotationValues  = []string{"runtime/default", "docker/default", "localhost/prof", "localhost/", "unconfined", "", "localhost", "RuntimeDefault"}
	pssHosts                    = []string{"", "", "127.0.0.1", "169.254.169.254", "example.com"}
	pssKinds                    = []string{"Pod", "Pod", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController", "PodTemplate"}
)

// pssVolumeSources returns one volume source of every type the API knows.
func pssVolumeSource(g *pssGen) corev1.VolumeSource {
	switch g.r.IntN(30) {
	case 0, 1:
		return corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/run/docker.sock"}}
	case 2:
		return corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{}}
	case 3:
		return corev1.VolumeSource{GCEPersistentDisk: &corev1.GCEPersistentDiskVolumeSource{PDName: "d"}}
	case 4:
		return corev1.VolumeSource{AWSElasticBlockStore: &corev1.AWSElasticBlockStoreVolumeSource{VolumeID: "v"}}
	case 5:
		return corev1.VolumeSource{GitRepo: &corev1.GitRepoVolumeSource{Repository: "r"}}
	case 6:
		return corev1.VolumeSource{NFS: &corev1.NFSVolumeSource{Server: "s", Path: "/"}}
	case 7:
		return corev1.VolumeSource{ISCSI: &corev1.ISCSIVolumeSource{TargetPortal: "t", IQN: "i"}}
	case 8:
		return corev1.VolumeSource{Glusterfs: &corev1.GlusterfsVolumeSource{EndpointsName: "e", Path: "p"}}
	case 9:
		return corev1.VolumeSource{RBD: &corev1.RBDVolumeSource{CephMonitors: []string{"m"}, RBDImage: "i"}}
	case 10:
		return corev1.VolumeSource{FlexVolume: &corev1.FlexVolumeSource{Driver: "d"}}
	case 11:
		return corev1.VolumeSource{Cinder: &corev1.CinderVolumeSource{VolumeID: "v"}}
	case 12:
		return corev1.VolumeSource{CephFS: &corev1.CephFSVolumeSource{Monitors: []string{"m"}}}
	case 13:
		return corev1.VolumeSource{Flocker: &corev1.FlockerVolumeSource{DatasetName: "d"}}
	case 14:
		return corev1.VolumeSource{FC: &corev1.FCVolumeSource{}}
	case 15:
		return corev1.VolumeSource{AzureFile: &corev1.AzureFileVolumeSource{SecretName: "s", ShareName: "x"}}
	case 16:
		return corev1.VolumeSource{VsphereVolume: &corev1.VsphereVirtualDiskVolumeSource{VolumePath: "p"}}
	case 17:
		return corev1.VolumeSource{Quobyte: &corev1.QuobyteVolumeSource{Registry: "r", Volume: "v"}}
	case 18:
		return corev1.VolumeSource{AzureDisk: &corev1.AzureDiskVolumeSource{DiskName: "d", DataDiskURI: "u"}}
	case 19:
		return corev1.VolumeSource{PhotonPersistentDisk: &corev1.PhotonPersistentDiskVolumeSource{PdID: "p"}}
	case 20:
		return corev1.VolumeSource{PortworxVolume: &corev1.PortworxVolumeSource{VolumeID: "v"}}
	case 21:
		return corev1.VolumeSource{ScaleIO: &corev1.ScaleIOVolumeSource{Gateway: "g", System: "s"}}
	case 22:
		return corev1.VolumeSource{StorageOS: &corev1.StorageOSVolumeSource{VolumeName: "v"}}
	default:
		return pssAllowedVolumeSource(g)
	}
}

func pssAllowedVolumeSource(g *pssGen) corev1.VolumeSource {
	switch g.r.IntN(9) {
	case 0:
		return corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}}}
	case 1:
		return corev1.VolumeSource{CSI: &corev1.CSIVolumeSource{Driver: "csi.example.com"}}
	case 2:
		return corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{}}
	case 3:
		return corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
	case 4:
		return corev1.VolumeSource{Ephemeral: &corev1.EphemeralVolumeSource{}}
	case 5:
		return corev1.VolumeSource{Image: &corev1.ImageVolumeSource{Reference: "busybox"}}
	case 6:
		return corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "c"}}
	case 7:
		return corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{}}
	default:
		return corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s"}}
	}
}

// pod generates one pod: half start from a pod that passes the restricted level, the other
// half from nothing; then each field a rule reads is changed with a small probability, to
// good, bad and edge values.
func (g *pssGen) pod() pssCase {
	compliant := g.p(0.5)
	// How often each knob is turned: low enough that many pods pass, high enough that each
	// rule fails often.
	k := pickOne(g, 0.03, 0.08, 0.15)
	pc := pssCase{kind: pickOne(g, pssKinds...)}
	spec := &pc.spec

	if compliant {
		spec.SecurityContext = &corev1.PodSecurityContext{
			RunAsNonRoot:   ptr(true),
			SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault},
		}
	}
	if g.p(k) {
		spec.OS = &corev1.PodOS{Name: pickOne[corev1.OSName](g, "windows", "windows", "linux", "Windows")}
	}
	if g.p(k * 2) {
		spec.HostUsers = ptr(pickOne(g, true, false, false))
	}
	if g.p(k / 2) {
		spec.HostNetwork = true
	}
	if g.p(k / 2) {
		spec.HostPID = true
	}
	if g.p(k / 2) {
		spec.HostIPC = true
	}
	psc := func() *corev1.PodSecurityContext {
		if spec.SecurityContext == nil {
			spec.SecurityContext = &corev1.PodSecurityContext{}
		}
		return spec.SecurityContext
	}
	if g.p(k / 2) {
		psc().WindowsOptions = &corev1.WindowsSecurityContextOptions{HostProcess: ptr(g.p(0.6))}
	}
	if g.p(k) {
		psc().SELinuxOptions = g.seLinux()
	}
	if g.p(k) {
		psc().SeccompProfile = g.seccomp()
	}
	if g.p(k) {
		psc().SeccompProfile = nil
	}
	if g.p(k) {
		psc().AppArmorProfile = g.appArmor()
	}
	if g.p(k) {
		psc().RunAsNonRoot = ptr(pickOne(g, true, false))
	}
	if g.p(k) {
		psc().RunAsNonRoot = nil
	}
	if g.p(k) {
		psc().RunAsUser = ptr(pickOne[int64](g, 0, 0, 1000, 1))
	}
	if g.p(k * 1.5) {
		n := 1 + g.r.IntN(3)
		for range n {
			psc().Sysctls = append(psc().Sysctls, corev1.Sysctl{Name: pickOne(g, pssSysctls...), Value: "1"})
		}
	}

	// Containers.
	nInit, nEph := 0, 0
	if g.p(0.3) {
		nInit = 1 + g.r.IntN(2)
	}
	if g.p(0.2) {
		nEph = 1
	}
	nMain := 1 + g.r.IntN(3)
	for i := range nInit {
		spec.InitContainers = append(spec.InitContainers, g.container(fmt.Sprintf("init%d", i), compliant, k))
	}
	for i := range nMain {
		spec.Containers = append(spec.Containers, g.container(fmt.Sprintf("app%d", i), compliant, k))
	}
	for i := range nEph {
		c := g.container(fmt.Sprintf("debug%d", i), compliant, k)
		c.Ports = nil
		spec.EphemeralContainers = append(spec.EphemeralContainers, corev1.EphemeralContainer{EphemeralContainerCommon: corev1.EphemeralContainerCommon(c)})
	}
	if g.p(0.02) {
		spec.Containers[0].Name = "" // no name: the seccomp annotation key ends with "/"
	}
	var names []string
	visit(spec, func(c *corev1.Container) { names = append(names, c.Name) })

	// Volumes.
	nVol := g.r.IntN(4)
	for i := range nVol {
		var vs corev1.VolumeSource
		if compliant && !g.p(k*2) {
			vs = pssAllowedVolumeSource(g)
		} else {
			vs = pssVolumeSource(g)
		}
		if g.p(0.02) { // two sources: invalid for the API, decided by the checks anyway
			extra := pssAllowedVolumeSource(g)
			a, _ := json.Marshal(vs)
			b, _ := json.Marshal(extra)
			var m map[string]any
			_ = json.Unmarshal(a, &m)
			_ = json.Unmarshal(b, &m)
			data, _ := json.Marshal(m)
			_ = json.Unmarshal(data, &vs)
		}
		spec.Volumes = append(spec.Volumes, corev1.Volume{Name: fmt.Sprintf("v%d", i), VolumeSource: vs})
	}

	// Annotations: AppArmor (any key of the prefix is checked) and the seccomp alpha ones.
	ann := map[string]string{}
	if g.p(k * 2) {
		key := "container.apparmor.security.beta.kubernetes.io/" + pickOne(g, append(names, "other")...)
		ann[key] = pickOne(g, pssAppArmorAnnotationValues...)
	}
	if g.p(k * 2) {
		ann["seccomp.security.alpha.kubernetes.io/pod"] = pickOne(g, pssSeccompAnnotationValues...)
	}
	if g.p(k * 2) {
		key := "container.seccomp.security.alpha.kubernetes.io/" + pickOne(g, append(names, "other")...)
		ann[key] = pickOne(g, pssSeccompAnnotationValues...)
	}
	if g.p(k) {
		ann["apparmor.security.beta.kubernetes.io/unrelated"] = "unconfined"
	}
	if len(ann) > 0 {
		pc.meta.Annotations = ann
	}
	return pc
}

func (g *pssGen) seccomp() *corev1.SeccompProfile {
	t := pickOne(g, pssSeccompTypes...)
	p := &corev1.SeccompProfile{Type: t}
	if t == corev1.SeccompProfileTypeLocalhost {
		p.LocalhostProfile = ptr("profiles/audit.json")
	}
	return p
}

func (g *pssGen) appArmor() *corev1.AppArmorProfile {
	t := pickOne(g, pssAppArmorTypes...)
	p := &corev1.AppArmorProfile{Type: t}
	if t == corev1.AppArmorProfileTypeLocalhost {
		p.LocalhostProfile = ptr("k8s-apparmor-example")
	}
	return p
}

func (g *pssGen) seLinux() *corev1.SELinuxOptions {
	o := &corev1.SELinuxOptions{Type: pickOne(g, pssSELinuxTypes...)}
	if g.p(0.2) {
		o.User = pickOne(g, "system_u", "")
	}
	if g.p(0.2) {
		o.Role = pickOne(g, "system_r", "")
	}
	if g.p(0.3) {
		o.Level = "s0:c123,c456"
	}
	return o
}

func (g *pssGen) probe() *corev1.Probe {
	p := &corev1.Probe{}
	switch g.r.IntN(4) {
	case 0:
		p.HTTPGet = &corev1.HTTPGetAction{Host: pickOne(g, pssHosts...), Path: "/healthz"}
	case 1:
		p.TCPSocket = &corev1.TCPSocketAction{Host: pickOne(g, pssHosts...)}
	case 2:
		p.Exec = &corev1.ExecAction{Command: []string{"true"}}
	default:
		p.GRPC = &corev1.GRPCAction{Port: 9000}
	}
	return p
}

func (g *pssGen) handler() *corev1.LifecycleHandler {
	h := &corev1.LifecycleHandler{}
	switch g.r.IntN(4) {
	case 0:
		h.HTTPGet = &corev1.HTTPGetAction{Host: pickOne(g, pssHosts...), Path: "/hook"}
	case 1:
		h.TCPSocket = &corev1.TCPSocketAction{Host: pickOne(g, pssHosts...)}
	case 2:
		h.Exec = &corev1.ExecAction{Command: []string{"true"}}
	default:
		h.Sleep = &corev1.SleepAction{Seconds: 1}
	}
	return h
}

func (g *pssGen) container(name string, compliant bool, k float64) corev1.Container {
	c := corev1.Container{Name: name, Image: "registry.example.com/app:1.0"}
	if compliant {
		c.SecurityContext = &corev1.SecurityContext{
			AllowPrivilegeEscalation: ptr(false),
			Capabilities:             &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}},
		}
	}
	sc := func() *corev1.SecurityContext {
		if c.SecurityContext == nil {
			c.SecurityContext = &corev1.SecurityContext{}
		}
		return c.SecurityContext
	}
	if g.p(k / 3) {
		sc().Privileged = ptr(g.p(0.6))
	}
	if g.p(k / 3) {
		sc().WindowsOptions = &corev1.WindowsSecurityContextOptions{HostProcess: ptr(g.p(0.6))}
	}
	if g.p(k) {
		caps := &corev1.Capabilities{}
		if sc().Capabilities != nil {
			caps = sc().Capabilities
		}
		if g.p(0.3) {
			caps.Drop = nil
		}
		for range g.r.IntN(3) {
			caps.Drop = append(caps.Drop, pickOne(g, pssCapsDrop...))
		}
		caps.Add = nil
		for range g.r.IntN(3) {
			caps.Add = append(caps.Add, pickOne(g, pssCapsAdd...))
		}
		sc().Capabilities = caps
	}
	if g.p(k / 2) {
		sc().Capabilities = nil
	}
	if g.p(k) {
		sc().AllowPrivilegeEscalation = pickOne(g, ptr(true), ptr(false), nil)
	}
	if g.p(k) {
		sc().RunAsNonRoot = pickOne(g, ptr(true), ptr(true), ptr(false), nil)
	}
	if g.p(k) {
		sc().RunAsUser = pickOne(g, ptr[int64](0), ptr[int64](1000), nil)
	}
	if g.p(k) {
		sc().SeccompProfile = g.seccomp()
	}
	if g.p(k) {
		sc().AppArmorProfile = g.appArmor()
	}
	if g.p(k) {
		sc().SELinuxOptions = g.seLinux()
	}
	if g.p(k * 1.5) {
		sc().ProcMount = ptr(pickOne(g, pssProcMounts...))
	}
	if g.p(k) {
		c.SecurityContext = pickOne(g, nil, &corev1.SecurityContext{})
	}
	if g.p(0.3) {
		c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: 8080})
	}
	if g.p(k) {
		c.Ports = append(c.Ports, corev1.ContainerPort{ContainerPort: 8443, HostPort: pickOne[int32](g, 0, 8443, 80, -1)})
	}
	if g.p(k * 2) {
		c.LivenessProbe = g.probe()
	}
	if g.p(k * 2) {
		c.ReadinessProbe = g.probe()
	}
	if g.p(k) {
		c.StartupProbe = g.probe()
	}
	if g.p(k * 2) {
		c.Lifecycle = &corev1.Lifecycle{}
		if g.p(0.6) {
			c.Lifecycle.PostStart = g.handler()
		}
		if g.p(0.6) {
			c.Lifecycle.PreStop = g.handler()
		}
	}
	return c
}

// TestPSSOddInput: values of unexpected types and shapes never make a PSS rule fail to
// evaluate (a rule error would report the control as skipped on the object).
func TestPSSOddInput(t *testing.T) {
	ctx := context.Background()
	c := loadSourceLibrary(t, false)
	var ids []string
	for _, ctl := range c.Library.Controls {
		if strings.HasPrefix(ctl.ID, "PSS-") {
			ids = append(ids, ctl.ID)
		}
	}
	if len(ids) < 21 {
		t.Fatalf("only %d PSS controls", len(ids))
	}
	s, err := scan.New(ctx, c, scan.Selection{ControlIDs: ids}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const manifests = `
apiVersion: v1
kind: Namespace
metadata:
  name: odd
  labels:
    pod-security.kubernetes.io/enforce: "7"
    pod-security.kubernetes.io/enforce-version: "v1.x"
---
apiVersion: v1
kind: Namespace
metadata:
  name: odd2
  labels: "not a map"
---
apiVersion: v1
kind: Pod
metadata:
  name: odd
  namespace: odd
  annotations:
    container.apparmor.security.beta.kubernetes.io/a: 7
    seccomp.security.alpha.kubernetes.io/pod: [x]
spec:
  os: windows
  hostUsers: "false"
  hostNetwork: "yes"
  securityContext:
    windowsOptions: "hostProcess"
    seLinuxOptions: {type: 3, user: [], role: {}}
    seccompProfile: "RuntimeDefault"
    appArmorProfile: {type: [1]}
    runAsNonRoot: "true"
    runAsUser: "0"
    sysctls: ["kernel.msgmax", {name: 5}, {value: "1"}, null]
  volumes:
    - "emptyDir"
    - {name: a, hostPath: "/etc"}
    - {name: b, emptyDir: null}
    - {name: c, nfs: null, foo: {}}
    - {name: d, hostPath: {path: 5}}
  initContainers: "none"
  ephemeralContainers: [null, 3]
  containers:
    - name: a
      ports: [{hostPort: "80"}, 8080, {hostPort: null}]
      securityContext:
        privileged: "true"
        procMount: 5
        capabilities: {add: "SYS_ADMIN", drop: "ALL"}
        allowPrivilegeEscalation: "false"
        seccompProfile: {}
        seLinuxOptions: "spc_t"
      livenessProbe: {httpGet: "host", tcpSocket: {host: 7}}
      readinessProbe: "none"
      lifecycle: {postStart: {httpGet: {host: ""}}, preStop: [1]}
    - name: b
      securityContext: [1, 2]
    - name: c
      securityContext:
        capabilities: {add: [1, null, {a: b}], drop: [null, 3]}
        windowsOptions: {hostProcess: "true"}
    - "not a container"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: empty, namespace: odd2}
spec: {template: {spec: {}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nothing}
spec: {jobTemplate: "x"}
`
	objs, problems := files.Decode("odd.yaml", []byte(manifests))
	if len(problems) > 0 {
		t.Fatalf("%v", problems)
	}
	res, err := s.Scan(ctx, objs, scan.Options{Target: scan.TargetFiles})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range res.Results {
		n++
		if r.Status == finding.StatusSkipped {
			t.Errorf("%s on %s: %s", r.ControlID, r.Object.ID(), r.Reason)
		}
		for _, f := range r.Findings {
			t.Logf("%s %s: %s %v", r.ControlID, r.Object.Name, f.Message, append(append([]string{}, f.FailedPaths...), fixPathsOf(f)...))
		}
	}
	if n == 0 {
		t.Fatal("nothing evaluated")
	}
}
