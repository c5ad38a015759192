package org.controls.ORG_0001

import data.kubescape.lib.workload

trusted(image) if {
	some prefix in data.kubescape.inputs.orgTrustedRegistries
	startswith(image, prefix)
}

deny contains finding if {
	some c in workload.containers
	not trusted(c.container.image)
	finding := {
		"msg": sprintf("%s runs image %q, which is not from a trusted registry", [workload.name_of(c), c.container.image]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}
