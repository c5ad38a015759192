package kubescape.lib.image_test

import data.kubescape.lib.image

test_parse_docker_hub_short if {
	image.parse("nginx") == {"registry": "docker.io", "repository": "library/nginx", "tag": "", "digest": ""}
}

test_parse_docker_hub_org_tag if {
	image.parse("bitnami/redis:7.2") == {"registry": "docker.io", "repository": "bitnami/redis", "tag": "7.2", "digest": ""}
}

test_parse_registry_port_digest if {
	image.parse("registry.local:5000/team/app:v1@sha256:abc") == {
		"registry": "registry.local:5000", "repository": "team/app", "tag": "v1", "digest": "sha256:abc",
	}
}

test_parse_localhost if {
	image.parse("localhost/app").registry == "localhost"
}

test_full_name if {
	image.full_name("nginx:1.27") == "docker.io/library/nginx"
	image.full_name("quay.io/org/app") == "quay.io/org/app"
}

test_version if {
	image.version("v1.2.3-alpine") == [1, 2, 3]
	not image.version("latest")
}

test_older if {
	image.older([1, 2, 3], [1, 10, 0])
	image.older([0, 9, 9], [1, 0, 0])
	not image.older([1, 2, 3], [1, 2, 3])
	not image.older([2, 0, 0], [1, 9, 9])
}
