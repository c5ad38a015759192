package kubescape.controls.C_0013

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# A container may run as root unless its effective runAsNonRoot is true or its effective
# runAsUser a non-zero UID.
deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not sc.effective_or_null(c, "runAsNonRoot") == true
	not _positive(sc.effective_or_null(c, "runAsUser"))
	fix_path := sprintf("%s.runAsNonRoot", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s may run as root: runAsNonRoot is not true and runAsUser is not a non-zero UID", [workload.name_of(c)]),
		"failedPaths": _failed(c),
		"fixPaths": array.concat([{"path": fix_path, "value": "true"}], _uid_fix(c)),
	}
}

# The explicit settings that let the container run as root: runAsNonRoot set to something
# other than true, and runAsUser set to 0 (either may come from the pod).
_failed(c) := [s.path |
	some field in ["runAsNonRoot", "runAsUser"]
	s := sc.setting(c, field)
	_wrong(field, s.value)
]

_wrong("runAsNonRoot", v) if v != true

_wrong("runAsUser", v) if not _positive(v)

_positive(v) if {
	is_number(v)
	v > 0
}

# With an explicit runAsUser: 0, runAsNonRoot: true alone would stop the container from
# starting, so the user must also choose a non-zero UID.
_uid_fix(c) := [{"path": sprintf("%s.runAsUser", [sc.container_sc_path(c)]), "value": "YOUR_VALUE"}] if {
	s := sc.setting(c, "runAsUser")
	not _positive(s.value)
} else := []
