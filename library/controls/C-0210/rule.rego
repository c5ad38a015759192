package kubescape.controls.C_0210

import data.kubescape.lib.k8s
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# No container sets its own profile: the pod's setting decides for all of them, one finding. Every
# container is then confined when the pod's profile confines, none when it does not. (object.get:
# `not ref in set` is undefined, not true, when the ref is.)
deny contains finding if {
	not sc.is_windows
	not object.get(sc.pod_sc, ["seccompProfile", "type"], null) in _confining_types
	not _any_container_sets
	failing := [workload.name_of(c) | some c in workload.containers]
	count(failing) > 0
	fix := sprintf("%s.seccompProfile.type", [sc.pod_sc_path])
	finding := {
		"msg": sprintf("the pod spec of %s sets no seccomp profile of type RuntimeDefault or Localhost: the pod %s and no container sets its own (%s)", [k8s.describe, _pod_problem, concat(", ", sort(failing))]),
		"failedPaths": _pod_failed,
		"fixPaths": [{"path": fix, "value": "RuntimeDefault"}],
	}
}

# Some container sets its own profile: each container without a confining one.
deny contains finding if {
	not sc.is_windows
	_any_container_sets
	some c in workload.containers
	not _confined(c)
	fix := sprintf("%s.seccompProfile.type", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s runs without a seccomp profile: %s", [workload.name_of(c), _container_problem(c)]),
		"failedPaths": _failed(c),
		"fixPaths": [{"path": fix, "value": "RuntimeDefault"}],
	}
}

_confining_types := {"RuntimeDefault", "Localhost"}

# The effective profile is the container's when set (not null), else the pod's.
_confined(c) if sc.effective(c, "seccompProfile").type in _confining_types

_any_container_sets if {
	some c in workload.containers
	object.get(sc.container_sc(c), "seccompProfile", null) != null
}

# The paths of a wrong profile: its type when set, else the profile itself.
_failed(c) := [p] if {
	s := sc.setting(c, "seccompProfile")
	p := _wrong_path(s)
} else := []

_wrong_path(s) := sprintf("%s.type", [s.path]) if {
	is_object(s.value)
	object.get(s.value, "type", null) != null
} else := s.path

_pod_failed := [_wrong_path({"value": v, "path": sprintf("%s.seccompProfile", [sc.pod_sc_path])})] if {
	v := sc.pod_sc.seccompProfile
	v != null
} else := []

_pod_problem := sprintf("sets seccompProfile.type %v", [v]) if {
	v := sc.pod_sc.seccompProfile.type
	v != null
} else := "sets no seccompProfile.type"

_container_problem(c) := sprintf("its effective seccompProfile.type is %v (%s)", [s.value.type, _level(s.path)]) if {
	s := sc.setting(c, "seccompProfile")
	is_object(s.value)
	object.get(s.value, "type", null) != null
} else := sprintf("its effective seccompProfile is %v (%s)", [s.value, _level(s.path)]) if {
	s := sc.setting(c, "seccompProfile")
} else := "neither it nor the pod sets a seccompProfile.type"

_level(path) := "from the pod" if startswith(path, sc.pod_sc_path)

_level(path) := "set on the container" if not startswith(path, sc.pod_sc_path)
