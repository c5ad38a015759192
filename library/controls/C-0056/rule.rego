package kubescape.controls.C_0056

import data.kubescape.lib.workload

# Only long-running app containers (spec.containers) need the probe: init containers and
# ephemeral debug containers cannot have one (sidecars can, but are not required to), and pods
# that run to completion (Jobs, CronJobs, pods with restartPolicy Never or OnFailure) are not
# checked.
# (The tests compare values rather than negate them: a negation costs more to evaluate; a probe
# that is not an object, null included, is no probe.)
deny contains finding if {
	_runs_to_completion == false
	some c in workload.regular_containers
	c.kind == "containers"
	type_name(object.get(c.container, "livenessProbe", null)) != "object"
	path := sprintf("%s.livenessProbe", [c.path])
	finding := {
		"msg": sprintf("%s has no liveness probe", [workload.name_of(c)]),
		"failedPaths": _present(c, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# _runs_to_completion is always true or false: the rule above compares it with false, which costs
# less than negating it.
_runs_to_completion := true if {
	input.kind in {"Job", "CronJob"}
} else := object.get(workload.pod_spec, "restartPolicy", null) in {"Never", "OnFailure"}

# The field is a failed path only when it is there (null or not an object).
_present(c, path) := [path] if "livenessProbe" in object.keys(c.container) else := []
