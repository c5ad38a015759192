package kubescape.controls.C_0209

import data.kubescape.lib.k8s

kubernetes_namespaces := {"kube-system", "kube-public", "kube-node-lease"}

# Every namespace but Kubernetes' own, for a person to review.
deny contains finding if {
	input.kind == "Namespace"
	not k8s.name in kubernetes_namespaces
	finding := {
		"msg": sprintf("Namespace %q: review that it holds the resources of one team, application or environment, with RBAC, quotas and network policies scoped to it", [k8s.name]),
		"reviewPaths": ["metadata.name"],
	}
}
