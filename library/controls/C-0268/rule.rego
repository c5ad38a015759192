package kubescape.controls.C_0268

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.regular_containers
	not _one_shot(c)
	not _has(c.container, "requests")
	not _has(c.container, "limits")
	not _has(workload.pod_spec, "requests")
	not _has(workload.pod_spec, "limits")
	path := sprintf("%s.resources.requests.cpu", [c.path])
	finding := {
		"msg": sprintf("%s has no CPU request", [workload.name_of(c)]),
		"failedPaths": _present(c, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# obj (a container, or the pod spec for pod-level resources) sets resources.<kind>.cpu. Without
# a request, the API server uses the limit as request.
_has(obj, kind) if _is_set(obj.resources[kind].cpu)

_is_set(v) if is_number(v)

_is_set(v) if {
	is_string(v)
	trim_space(v) != ""
}

# One-shot init containers run before the app containers, within the pod's reservation.
_one_shot(c) if {
	c.kind == "initContainers"
	object.get(c.container, "restartPolicy", "") != "Always"
}

# The field is a failed path only when it is there (empty, null or of the wrong type).
_present(c, path) := [path] if {
	requests := c.container.resources.requests
	is_object(requests)
	"cpu" in object.keys(requests)
} else := []
