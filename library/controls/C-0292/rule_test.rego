package kubescape.controls.C_0292_test

import data.kubescape.controls.C_0292

test_detects_controller_images if {
	C_0292.is_ingress_nginx("registry.k8s.io/ingress-nginx/controller:v1.12.1@sha256:0123")
	C_0292.is_ingress_nginx("k8s.gcr.io/ingress-nginx/controller-chroot:v1.1.0")
	C_0292.is_ingress_nginx("ingress-nginx/controller:v1.10.0")
	C_0292.is_ingress_nginx("harbor.corp.example/registry.k8s.io/ingress-nginx/controller:v1.11.3")
	C_0292.is_ingress_nginx("quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.26.1")
	C_0292.is_ingress_nginx("bitnami/nginx-ingress-controller:1.9.4-debian-11-r0")
}

test_ignores_other_images if {
	not C_0292.is_ingress_nginx("nginx/nginx-ingress:3.5.0")
	not C_0292.is_ingress_nginx("nginx:1.27")
	not C_0292.is_ingress_nginx("registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.0")
	not C_0292.is_ingress_nginx("example.com/ingress-nginx/controller-tools:1.0")
}
