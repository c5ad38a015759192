package kubescape.controls.C_0056

import data.kubescape.lib.workload

# Only long-running app containers (spec.containers) need the probe: init containers and
# ephemeral debug containers cannot have one (sidecars can, but are not required to), and pods
# that run to completion (Jobs, CronJobs, pods with restartPolicy Never or OnFailure) are not
# checked.
deny contains finding if {
	not _runs_to_completion
	some c in workload.regular_containers
	c.kind == "containers"
	not is_object(object.get(c.container, "livenessProbe", null))
	path := sprintf("%s.livenessProbe", [c.path])
	finding := {
		"msg": sprintf("%s has no liveness probe", [workload.name_of(c)]),
		"failedPaths": _present(c, path),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

_runs_to_completion if input.kind in {"Job", "CronJob"}

_runs_to_completion if workload.pod_spec.restartPolicy in {"Never", "OnFailure"}

# The field is a failed path only when it is there (null or not an object).
_present(c, path) := [path] if "livenessProbe" in object.keys(c.container)

_present(c, _) := [] if not "livenessProbe" in object.keys(c.container)
