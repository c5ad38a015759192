package kubescape.controls.C_0081_test

import data.kubescape.controls.C_0081

pod(img) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": img}]}}

fix_of(img) := v if {
	findings := C_0081.deny with input as pod(img)
	some f in findings
	v := f.fixPaths[0].value
}

test_version_ranges if {
	count(C_0081.deny) == 1 with input as pod("argoproj/argocd:v1.8.7")
	count(C_0081.deny) == 1 with input as pod("argoproj/argocd:v2.2.0")
	count(C_0081.deny) == 0 with input as pod("argoproj/argocd:v2.1.9")
	count(C_0081.deny) == 0 with input as pod("argoproj/argocd:v2.2.4")
	count(C_0081.deny) == 0 with input as pod("argoproj/argocd:v2.3.0-rc1")
}

test_fixed_reference if {
	fix_of("quay.io/argoproj/argocd:v2.2.1@sha256:abc") == "quay.io/argoproj/argocd:v2.2.4"
	fix_of("registry.local:5000/argoproj/argocd:2.0.5") == "registry.local:5000/argoproj/argocd:2.1.9"
	fix_of("bitnami/argo-cd:2.2.3-debian-10-r12") == "bitnami/argo-cd:2.2.4"
	fix_of("example.com/argoproj/argocd:v2.2.2-alpine") == "example.com/argoproj/argocd:v2.2.4-alpine"
}

test_unreadable_version_is_review if {
	findings := C_0081.deny with input as pod("argoproj/argocd:latest")
	some f in findings
	f.reviewPaths == ["spec.containers[0].image"]
	not f.failedPaths
}

test_odd_images_ignored if {
	count(C_0081.deny) == 0 with input as pod(7)
	count(C_0081.deny) == 0 with input as pod("")
	count(C_0081.deny) == 0 with input as pod("ARGOPROJ/ARGOCD-extra:v1.0.0")
}
