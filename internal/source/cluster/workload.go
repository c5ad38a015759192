package cluster

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kubescape-ng/kubescape/internal/resource"
)

// kindAliases maps what users type (kubectl's names, singular, plural, short) to kinds.
var kindAliases = map[string]string{
	"pod": "Pod", "pods": "Pod", "po": "Pod",
	"deployment": "Deployment", "deployments": "Deployment", "deploy": "Deployment",
	"replicaset": "ReplicaSet", "replicasets": "ReplicaSet", "rs": "ReplicaSet",
	"statefulset": "StatefulSet", "statefulsets": "StatefulSet", "sts": "StatefulSet",
	"daemonset": "DaemonSet", "daemonsets": "DaemonSet", "ds": "DaemonSet",
	"job": "Job", "jobs": "Job",
	"cronjob": "CronJob", "cronjobs": "CronJob", "cj": "CronJob",
	"replicationcontroller": "ReplicationController", "replicationcontrollers": "ReplicationController", "rc": "ReplicationController",
}

// WorkloadKind resolves a kind as typed by a user ("deploy", "Deployment", "cronjobs").
func WorkloadKind(kind string) (string, bool) {
	k, ok := kindAliases[strings.ToLower(kind)]
	return k, ok
}

// Workload keeps, of the objects of a namespace and the cluster, one workload and the objects
// that decide its findings: its Namespace, its service account, the bindings that grant that
// account permissions and their roles, the Services that select its pods, the network policies
// of its namespace, the ConfigMaps it reads, and the Nodes (for version-based controls). It
// returns them with the workload's Kind/namespace/name.
func Workload(objs []*resource.Object, kind, namespace, name string) ([]*resource.Object, string, error) {
	k, ok := WorkloadKind(kind)
	if !ok {
		return nil, "", fmt.Errorf("%q is not a workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, ReplicationController)", kind)
	}
	var w *resource.Object
	for _, o := range objs {
		if o.Kind == k && o.Namespace == namespace && o.Name == name {
			w = o
			break
		}
	}
	if w == nil {
		return nil, "", fmt.Errorf("%s %s not found in namespace %s (or it could not be listed)", k, name, namespace)
	}
	spec := w.PodSpec()
	sa := resource.String(spec, "serviceAccountName")
	if sa == "" {
		sa = resource.String(spec, "serviceAccount")
	}
	if sa == "" {
		sa = "default"
	}
	podLabels := w.PodLabels()
	configMaps := referencedConfigMaps(spec)

	keep := map[*resource.Object]bool{w: true}
	roles := map[string]bool{} // "Role/ns/name" and "ClusterRole//name"
	for _, o := range objs {
		switch o.Kind {
		case "Namespace":
			keep[o] = o.Name == namespace
		case "Node":
			keep[o] = true
		case "ServiceAccount":
			keep[o] = o.Namespace == namespace && o.Name == sa
		case "NetworkPolicy", "CiliumNetworkPolicy":
			keep[o] = o.Namespace == namespace
		case "CiliumClusterwideNetworkPolicy":
			keep[o] = true
		case "ConfigMap":
			keep[o] = o.Namespace == namespace && configMaps[o.Name]
		case "Service":
			sel := resource.StringMap(o.Object, "spec", "selector")
			keep[o] = o.Namespace == namespace && len(sel) > 0 && selects(sel, podLabels)
		case "RoleBinding", "ClusterRoleBinding":
			if bindsServiceAccount(o, namespace, sa) {
				keep[o] = true
				roleNS := ""
				if resource.String(o.Object, "roleRef", "kind") == "Role" {
					roleNS = o.Namespace
				}
				roles[resource.String(o.Object, "roleRef", "kind")+"/"+roleNS+"/"+resource.String(o.Object, "roleRef", "name")] = true
			}
		}
	}
	out := make([]*resource.Object, 0, len(keep))
	for _, o := range objs {
		if keep[o] || ((o.Kind == "Role" || o.Kind == "ClusterRole") && roles[o.Kind+"/"+o.Namespace+"/"+o.Name]) {
			out = append(out, o)
		}
	}
	// Aggregated ClusterRoles take rules from others: keep every ClusterRole with an
	// aggregation label when a kept one aggregates (rare; the index expands them).
	for _, o := range out {
		if o.Kind == "ClusterRole" && resource.Map(o.Object, "aggregationRule") != nil {
			for _, c := range objs {
				if c.Kind == "ClusterRole" && !contains(out, c) {
					out = append(out, c)
				}
			}
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i] == w && out[j] != w })
	return out, fmt.Sprintf("%s/%s/%s", k, namespace, name), nil
}

func contains(objs []*resource.Object, o *resource.Object) bool {
	for _, x := range objs {
		if x == o {
			return true
		}
	}
	return false
}

func selects(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// bindsServiceAccount reports whether a binding names the service account, directly or through
// the system:serviceaccounts groups.
func bindsServiceAccount(b *resource.Object, namespace, sa string) bool {
	for _, s := range resource.Slice(b.Object, "subjects") {
		kind, name := resource.String(s, "kind"), resource.String(s, "name")
		switch {
		case kind == "ServiceAccount" && name == sa:
			ns := resource.String(s, "namespace")
			if ns == "" {
				ns = b.Namespace
			}
			if ns == namespace {
				return true
			}
		case kind == "User" && name == "system:serviceaccount:"+namespace+":"+sa:
			return true
		case kind == "Group" && (name == "system:serviceaccounts" || name == "system:serviceaccounts:"+namespace || name == "system:authenticated"):
			return true
		}
	}
	return false
}

// referencedConfigMaps lists the ConfigMaps a pod spec reads (volumes, env, envFrom).
func referencedConfigMaps(spec map[string]any) map[string]bool {
	out := map[string]bool{}
	for _, v := range resource.Slice(spec, "volumes") {
		if n := resource.String(v, "configMap", "name"); n != "" {
			out[n] = true
		}
		for _, src := range resource.Slice(v, "projected", "sources") {
			if n := resource.String(src, "configMap", "name"); n != "" {
				out[n] = true
			}
		}
	}
	for _, list := range []string{"containers", "initContainers", "ephemeralContainers"} {
		for _, c := range resource.Slice(spec, list) {
			for _, e := range resource.Slice(c, "env") {
				if n := resource.String(e, "valueFrom", "configMapKeyRef", "name"); n != "" {
					out[n] = true
				}
			}
			for _, e := range resource.Slice(c, "envFrom") {
				if n := resource.String(e, "configMapRef", "name"); n != "" {
					out[n] = true
				}
			}
		}
	}
	return out
}
