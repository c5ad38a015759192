package kubescape.controls.C_0009

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.regular_containers
	not _limited(c.container)
	not _limited(workload.pod_spec)
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

# obj (a container, or the pod spec for pod-level resources) limits CPU or memory.
_limited(obj) if {
	some r in ["cpu", "memory"]
	_is_set(obj.resources.limits[r])
}

_is_set(v) if is_number(v)

_is_set(v) if {
	is_string(v)
	trim_space(v) != ""
}

# Limit fields that are there but set nothing (empty, null, wrong type) are failed paths.
_present(c, resources) := [sprintf("%s.resources.limits.%s", [c.path, r]) |
	limits := c.container.resources.limits
	is_object(limits)
	some r in resources
	r in object.keys(limits)
]
