package kubescape.controls.C_0073

import data.kubescape.lib.k8s

deny contains finding if {
	input.kind == "Pod"
	not _owned
	not _static
	finding := {
		"msg": sprintf("%s is not managed by a controller (no ownerReferences): nothing recreates it if it fails, is evicted or its node goes away", [k8s.describe]),
		"failedPaths": ["kind"],
	}
}

# Any owner counts: controllers (ReplicaSet, StatefulSet, DaemonSet, Job) and operators'
# custom resources, which may not set controller: true.
_owned if {
	some ref in input.metadata.ownerReferences
	is_object(ref)
	is_string(ref.kind)
	ref.kind != ""
}

# Static pods are managed by the kubelet from a manifest on the node. Their mirror on the API
# server carries the config.mirror annotation; the manifests kubeadm writes carry
# tier: control-plane and live in kube-system.
_static if k8s.annotations["kubernetes.io/config.mirror"]

_static if k8s.annotations["kubernetes.io/config.source"] in {"file", "http"}

_static if {
	k8s.namespace == "kube-system"
	k8s.labels.tier == "control-plane"
}
