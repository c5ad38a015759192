package kubescape.controls.C_0292

import data.kubescape.lib.image
import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	ref := c.container.image
	is_string(ref)
	contains(lower(ref), "nginx")
	is_ingress_nginx(ref)
	finding := {
		"msg": sprintf("%s runs the community ingress-nginx controller (%q), which is end of life and gets no security fixes", [workload.name_of(c), ref]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# is_ingress_nginx is true for images of the community ingress-nginx controller, wherever they
# are mirrored. (Kept in step with the same helper in C-0059.)
is_ingress_nginx(ref) if {
	repo := lower(image.parse(ref).repository)
	regex.match(`(^|/)ingress-nginx/controller(-chroot)?$`, repo)
}

is_ingress_nginx(ref) if {
	repo := lower(image.parse(ref).repository)
	regex.match(`(^|/)(kubernetes-ingress-controller|google_containers|google-containers|bitnami|rancher)/nginx-ingress-controller(-[a-z0-9]+)?$`, repo)
}
