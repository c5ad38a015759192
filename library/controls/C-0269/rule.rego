package kubescape.controls.C_0269

import data.kubescape.lib.workload

# Most containers set a request: the values are tested first, the init-container case after.
deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "requests", "memory"], null)) == false
	workload.quantity_set(object.get(c.container, ["resources", "limits", "memory"], null)) == false
	not _one_shot(c)
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "requests", "memory"], null)) == false
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "limits", "memory"], null)) == false
	path := sprintf("%s.resources.requests.memory", [c.path])
	finding := {
		"msg": sprintf("%s has no memory request", [workload.name_of(c)]),
		"failedPaths": _present(c, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# A container, or the pod spec for pod-level resources, sets a request when
# resources.requests.memory is set; without a request, the API server uses the limit as request.
# One-shot init containers run before the app containers, within the pod's reservation.
_one_shot(c) if {
	c.kind == "initContainers"
	object.get(c.container, "restartPolicy", "") != "Always"
}

# The field is a failed path only when it is there (empty, null or of the wrong type).
_present(c, path) := [path] if {
	requests := c.container.resources.requests
	is_object(requests)
	"memory" in object.keys(requests)
} else := []
