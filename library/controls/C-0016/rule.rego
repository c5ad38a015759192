package kubescape.controls.C_0016

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# A container that does not set allowPrivilegeEscalation: false (and is not one that always
# escalates, judged by the next rule).
deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	csc := sc.container_sc(c)
	not csc.allowPrivilegeEscalation == false
	not c in _always_escalating
	path := sprintf("%s.allowPrivilegeEscalation", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s does not set allowPrivilegeEscalation: false", [workload.name_of(c)]),
		# The field is in the failed paths only when it is present (set to true or to a wrong type).
		"failedPaths": [path | csc.allowPrivilegeEscalation != null],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

# A container that always escalates, whatever allowPrivilegeEscalation says.
deny contains finding if {
	not sc.is_windows
	some c in _always_escalating
	ape := sprintf("%s.allowPrivilegeEscalation", [sc.container_sc_path(c)])
	privileged := sprintf("%s.privileged", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s can always escalate privileges: %s", [workload.name_of(c), concat(" and ", _reasons(c))]),
		"failedPaths": array.concat(_privileged_paths(c), [cap.path | some cap in _escalating_caps(c)]),
		"fixPaths": array.concat(
			[{"path": privileged, "value": "false"} | _privileged_paths(c) != []],
			[{"path": ape, "value": "false"} | not sc.container_sc(c).allowPrivilegeEscalation == false],
		),
		"deletePaths": [cap.path | some cap in _escalating_caps(c)],
	}
}

_reasons(c) := array.concat(
	["it is privileged" | _privileged_paths(c) != []],
	[sprintf("it adds %s", [concat(", ", sort({cap.name | some cap in _escalating_caps(c)}))]) | count(_escalating_caps(c)) > 0],
)

# The containers that always escalate: privileged ones and those adding CAP_SYS_ADMIN (or ALL)
# (the API server even rejects allowPrivilegeEscalation: false with them). A set, computed once
# per object for both rules.
_always_escalating contains c if {
	some c in workload.containers
	sc.container_sc(c).privileged == true
}

_always_escalating contains c if {
	some c in workload.containers
	some cap in sc.added_caps(c)
	cap.name in _escalating
}

_escalating := {"SYS_ADMIN", "ALL"}

_escalating_caps(c) := {cap | some cap in sc.added_caps(c); cap.name in _escalating}

_privileged_paths(c) := [sprintf("%s.privileged", [sc.container_sc_path(c)])] if {
	sc.container_sc(c).privileged == true
} else := []
