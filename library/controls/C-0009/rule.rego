package kubescape.controls.C_0009

import data.kubescape.lib.workload

# A container, or the pod spec (pod-level resources), is limited when it sets
# resources.limits.cpu or resources.limits.memory. Most containers set the CPU limit: it is
# tested first.
deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "limits", "cpu"], null)) == false
	workload.quantity_set(object.get(c.container, ["resources", "limits", "memory"], null)) == false
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "limits", "cpu"], null)) == false
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "limits", "memory"], null)) == false
	cpu := sprintf("%s.resources.limits.cpu", [c.path])
	memory := sprintf("%s.resources.limits.memory", [c.path])
	finding := {
		"msg": sprintf("%s has neither a CPU nor a memory limit", [workload.name_of(c)]),
		"failedPaths": _present(c, ["cpu", "memory"]),
		"fixPaths": [
			{"path": cpu, "value": "YOUR_VALUE"},
			{"path": memory, "value": "YOUR_VALUE"},
		],
	}
}

# Limit fields that are there but set nothing (empty, null, wrong type) are failed paths.
_present(c, resources) := [sprintf("%s.resources.limits.%s", [c.path, r]) |
	limits := c.container.resources.limits
	is_object(limits)
	some r in resources
	r in object.keys(limits)
]
