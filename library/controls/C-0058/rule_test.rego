package kubescape.controls.C_0058_test

import data.kubescape.controls.C_0058

test_affected_versions if {
	C_0058.affected(C_0058.version("v1.18.20"))
	C_0058.affected(C_0058.version("v1.19.14"))
	C_0058.affected(C_0058.version("v1.20.10-eks-1234"))
	C_0058.affected(C_0058.version("v1.21.4+k3s1"))
	C_0058.affected(C_0058.version("v1.22.1-gke.100"))
}

test_fixed_versions if {
	not C_0058.affected(C_0058.version("v1.19.15"))
	not C_0058.affected(C_0058.version("v1.20.11"))
	not C_0058.affected(C_0058.version("v1.21.5"))
	not C_0058.affected(C_0058.version("v1.22.2"))
	not C_0058.affected(C_0058.version("v1.23.0"))
	not C_0058.affected(C_0058.version("v1.30.4"))
	not C_0058.affected(C_0058.version("v2.0.0"))
}
