package kubescape.controls.C_0306_test

import data.kubescape.controls.C_0306

test_pinned if {
	C_0306._pinned("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
	C_0306._pinned("quay.io/org/app:1.2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
	not C_0306._pinned("nginx:1.27")
	not C_0306._pinned("nginx@sha256:abc")
	not C_0306._pinned("nginx@latest")
}

test_exempt if {
	inputs := {"imageDigestExemptRepositories": ["quay.io/org", "docker.io/library/", "https://ghcr.io/team/tool"]}
	C_0306._exempt("quay.io/org/app:1.0") with data.kubescape.inputs as inputs
	C_0306._exempt("Quay.io/Org/app") with data.kubescape.inputs as inputs
	not C_0306._exempt("quay.io/organisation/app:1.0") with data.kubescape.inputs as inputs
	C_0306._exempt("nginx:1.27") with data.kubescape.inputs as inputs
	C_0306._exempt("ghcr.io/team/tool:v2") with data.kubescape.inputs as inputs
	not C_0306._exempt("ghcr.io/team/toolbox:v2") with data.kubescape.inputs as inputs
}
