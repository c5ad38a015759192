package kubescape.controls.C_0271

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "limits", "memory"], null)) == false
	path := sprintf("%s.resources.limits.memory", [c.path])
	finding := {
		"msg": sprintf("%s has no memory limit", [workload.name_of(c)]),
		"failedPaths": _present(c.container, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# The field is a failed path only when it is there (empty, null or of the wrong type).
_present(container, path) := [path] if {
	limits := container.resources.limits
	is_object(limits)
	"memory" in object.keys(limits)
} else := []
