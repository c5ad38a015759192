package kubescape.controls.C_0026

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	input.kind == "CronJob"
	object.get(input, ["spec", "suspend"], false) != true
	schedule := object.get(input, ["spec", "schedule"], "")
	images := [img |
		some c in sorted_containers
		img := image_of(c.container)
	]
	finding := {
		"msg": sprintf("%s runs on schedule %q with image(s) %s: confirm that it is expected", [k8s.describe, sprintf("%v", [schedule]), concat(", ", [sprintf("%q", [i]) | some i in images])]),
		"reviewPaths": array.concat(["spec.schedule"], [c.path | some c in sorted_containers]),
	}
}

# sorted_containers lists init containers, then containers, each in spec order.
sorted_containers := [x[2] | some x in sort([[order, c.index, c] |
	some c in workload.regular_containers
	order := {"initContainers": 0, "containers": 1}[c.kind]
])]

image_of(c) := c.image if {
	is_string(c.image)
} else := "?"
