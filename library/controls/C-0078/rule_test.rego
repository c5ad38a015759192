package kubescape.controls.C_0078_test

import data.kubescape.controls.C_0078

test_prefix_boundary if {
	C_0078.prefix_at_boundary("quay.io/org/app:1.0", "quay.io/org")
	not C_0078.prefix_at_boundary("quay.io/organisation/app:1.0", "quay.io/org")
	C_0078.prefix_at_boundary("nginx:1.27", "nginx")
	C_0078.prefix_at_boundary("docker.io/library/nginx", "docker.io")
	not C_0078.prefix_at_boundary("nginx-extra:1.0", "nginx")
}

test_allowed_by_normalised_name if {
	C_0078.allowed("nginx:1.27") with data.kubescape.inputs.imageRepositoryAllowList as ["docker.io/library/"]
	C_0078.allowed("Quay.io/Org/app@sha256:abc") with data.kubescape.inputs.imageRepositoryAllowList as ["quay.io/org"]
	not C_0078.allowed("quay.io/organisation/app") with data.kubescape.inputs.imageRepositoryAllowList as ["quay.io/org"]
}
