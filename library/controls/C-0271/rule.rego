package kubescape.controls.C_0271

import data.kubescape.lib.workload

# _set(v) == false is used rather than not _set(v) (cheaper: no negation to evaluate).
deny contains finding if {
	some c in workload.regular_containers
	_set(object.get(c.container, ["resources", "limits", "memory"], null)) == false
	path := sprintf("%s.resources.limits.memory", [c.path])
	finding := {
		"msg": sprintf("%s has no memory limit", [workload.name_of(c)]),
		"failedPaths": _present(c.container, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# _set(v) says whether v sets a quantity: a number or a non-blank string (null, "" and other types
# do not set a limit). It is always true or false, and for a scalar v the scanner computes it once
# per scan.
_set(v) := true if {
	is_string(v)
	trim_space(v) != ""
} else := is_number(v)

# The field is a failed path only when it is there (empty, null or of the wrong type).
_present(container, path) := [path] if {
	limits := container.resources.limits
	is_object(limits)
	"memory" in object.keys(limits)
} else := []
