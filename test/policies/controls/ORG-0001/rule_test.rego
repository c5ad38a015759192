package org.controls.ORG_0001_test

import data.org.controls.ORG_0001

test_trusted_prefix if {
	ORG_0001.trusted("registry.example.com/team/app:1.0") with data.kubescape.inputs.orgTrustedRegistries as ["registry.example.com/"]
}

test_untrusted if {
	not ORG_0001.trusted("docker.io/library/nginx:1.27") with data.kubescape.inputs.orgTrustedRegistries as ["registry.example.com/"]
}
