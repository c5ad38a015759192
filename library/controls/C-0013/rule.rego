package kubescape.controls.C_0013

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not _non_root_required(c)
	not _non_root_uid(c)
	fix_path := sprintf("%s.runAsNonRoot", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s may run as root: runAsNonRoot is not true and runAsUser is not a non-zero UID", [workload.name_of(c)]),
		"failedPaths": _failed(c),
		"fixPaths": array.concat([{"path": fix_path, "value": "true"}], _uid_fix(c)),
	}
}

# Written as helpers: OPA evaluates a function call inside `not f(x) == v` outside the
# negation, so an undefined f(x) would make the whole expression undefined.
_non_root_required(c) if sc.effective(c, "runAsNonRoot") == true

_non_root_uid(c) if {
	uid := sc.effective(c, "runAsUser")
	is_number(uid)
	uid > 0
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
