package kubescape.controls.C_0001_test

import data.kubescape.controls.C_0001

test_names if {
	C_0001._names("nginx") == {"nginx", "docker.io/library/nginx"}
	C_0001._names("index.docker.io/nginx:1.27") == {"index.docker.io/nginx:1.27", "docker.io/library/nginx"}
	C_0001._names("Quay.io/Org/App:1") == {"quay.io/org/app:1", "quay.io/org/app"}
	C_0001._names("localhost:5000/app") == {"localhost:5000/app"}
}

test_entries if {
	e := C_0001.entries with data.kubescape.inputs as {
		"publicRegistries": ["https://Registry-1.Docker.io", " quay.io/ "],
		"untrustedRegistries": ["", "ghcr.io/random/"],
	}
	e == {
		{"entry": "docker.io", "list": "publicRegistries"},
		{"entry": "quay.io/", "list": "publicRegistries"},
		{"entry": "ghcr.io/random/", "list": "untrustedRegistries"},
	}
}

test_prefix if {
	C_0001._prefix("docker.io/library/nginx", "docker.io")
	not C_0001._prefix("docker.io.evil.com/x", "docker.io")
	C_0001._prefix("ghcr.io/random/tool", "ghcr.io/random/")
	not C_0001._prefix("ghcr.io/randomness/tool", "ghcr.io/random")
}
