package kubescape.controls.C_0016

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not _explicit_false(c)
	not _always_escalates(c)
	path := sprintf("%s.allowPrivilegeEscalation", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s does not set allowPrivilegeEscalation: false", [workload.name_of(c)]),
		"failedPaths": _set_paths(c, path),
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	_always_escalates(c)
	ape := sprintf("%s.allowPrivilegeEscalation", [sc.container_sc_path(c)])
	privileged := sprintf("%s.privileged", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s can always escalate privileges: %s", [workload.name_of(c), concat(" and ", _reasons(c))]),
		"failedPaths": array.concat(_privileged_paths(c), [cap.path | some cap in _escalating_caps(c)]),
		"fixPaths": array.concat(
			[{"path": privileged, "value": "false"} | _privileged_paths(c) != []],
			[{"path": ape, "value": "false"} | not _explicit_false(c)],
		),
		"deletePaths": [cap.path | some cap in _escalating_caps(c)],
	}
}

_reasons(c) := array.concat(
	["it is privileged" | _privileged_paths(c) != []],
	[sprintf("it adds %s", [concat(", ", sort({cap.name | some cap in _escalating_caps(c)}))]) | count(_escalating_caps(c)) > 0],
)

_explicit_false(c) if sc.container_sc(c).allowPrivilegeEscalation == false

# Privileged containers and CAP_SYS_ADMIN always allow escalation (the API server even
# rejects allowPrivilegeEscalation: false with them).
_always_escalates(c) if sc.container_sc(c).privileged == true

_always_escalates(c) if count(_escalating_caps(c)) > 0

_escalating_caps(c) := {cap | some cap in sc.added_caps(c); cap.name in {"SYS_ADMIN", "ALL"}}

_privileged_paths(c) := [sprintf("%s.privileged", [sc.container_sc_path(c)])] if {
	sc.container_sc(c).privileged == true
} else := []

# The field is in the failed paths only when it is present (set to true or to a wrong type).
_set_paths(c, path) := [path] if {
	v := sc.container_sc(c).allowPrivilegeEscalation
	v != null
} else := []
