package kubescape.controls.C_0212

import data.kubescape.lib.k8s

# An object explicitly placed in "default". Objects without namespace are left alone: where they
# land is decided at apply time (kubectl -n, the context's namespace).
deny contains finding if {
	k8s.namespace == "default"
	not kubernetes_own
	finding := {
		"msg": sprintf("%s %q is in the \"default\" namespace, which cannot be isolated from other workloads", [input.kind, k8s.name]),
		"failedPaths": ["metadata.namespace"],
		"fixPaths": [{"path": "metadata.namespace", "value": "YOUR_VALUE"}],
	}
}

# What Kubernetes itself creates in "default".
_own := {
	["", "Service"]: "kubernetes",
	["", "Endpoints"]: "kubernetes",
	["discovery.k8s.io", "EndpointSlice"]: "kubernetes",
	["", "ServiceAccount"]: "default",
	["", "ConfigMap"]: "kube-root-ca.crt",
}

kubernetes_own if _own[[k8s.group, input.kind]] == k8s.name

# The token Secret the controller manager created for the default ServiceAccount before 1.24.
kubernetes_own if {
	k8s.group == ""
	input.kind == "Secret"
	object.get(input, "type", "") == "kubernetes.io/service-account-token"
	startswith(k8s.name, "default-token-")
	is_object(k8s.annotations)
	k8s.annotations["kubernetes.io/service-account.name"] == "default"
}
