package kubescape.controls.C_0211

import data.kubescape.lib.k8s
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# A composite of the security context checks, one finding per problem, each named in the
# message. The checks follow the single-purpose controls: privileged and ALL/SYS_ADMIN (C-0057),
# readOnlyRootFilesystem (C-0017), root (C-0013), allowPrivilegeEscalation (C-0016), seccomp
# (C-0210), plus dropped capabilities and the Pod Security Standards' bad values for procMount,
# sysctls, SELinux and Windows HostProcess.

_linux if not sc.is_windows

# --- privileged ------------------------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	sc.container_sc(c).privileged == true
	path := sprintf("%s.privileged", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("privileged: %s runs privileged, with every capability and device of the node", [workload.name_of(c)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

# --- capabilities ----------------------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	not _drops_net_raw(c)
	path := sprintf("%s.capabilities.drop[%d]", [sc.container_sc_path(c), count(_drops(c))])
	finding := {
		"msg": sprintf("capabilities: %s does not drop ALL capabilities (nor at least NET_RAW)", [workload.name_of(c)]),
		"fixPaths": [{"path": path, "value": "ALL"}],
	}
}

# Adding ALL or SYS_ADMIN comes close to privileged (C-0057); adding NET_RAW or ALL gives back
# what the drop took away.
deny contains finding if {
	_linux
	some c in workload.containers
	some cap in sc.added_caps(c)
	cap.name in {"ALL", "SYS_ADMIN", "NET_RAW"}
	finding := {
		"msg": sprintf("capabilities: %s adds the %s capability", [workload.name_of(c), cap.name]),
		"failedPaths": [cap.path],
		"deletePaths": [cap.path],
	}
}

_drops(c) := d if {
	d := sc.container_sc(c).capabilities.drop
	is_array(d)
} else := []

_drops_net_raw(c) if {
	some x in _drops(c)
	sc.cap_name(x) in {"ALL", "NET_RAW"}
}

# --- read-only root filesystem -----------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	not sc.container_sc(c).readOnlyRootFilesystem == true
	path := sprintf("%s.readOnlyRootFilesystem", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("readOnlyRootFilesystem: %s has a writable root filesystem", [workload.name_of(c)]),
		"failedPaths": _set_paths(c, "readOnlyRootFilesystem"),
		"fixPaths": [{"path": path, "value": "true"}],
	}
}

# --- root user ---------------------------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	not _non_root_required(c)
	not _non_root_uid(c)
	fix := sprintf("%s.runAsNonRoot", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("runAsNonRoot: %s may run as root (runAsNonRoot is not true and runAsUser is not a non-zero UID)", [workload.name_of(c)]),
		"failedPaths": [s.path |
			some field in ["runAsNonRoot", "runAsUser"]
			s := sc.setting(c, field)
			_root_value(field, s.value)
		],
		"fixPaths": array.concat([{"path": fix, "value": "true"}], _uid_fix(c)),
	}
}

_non_root_required(c) if sc.effective(c, "runAsNonRoot") == true

_non_root_uid(c) if _positive(sc.effective(c, "runAsUser"))

_positive(v) if {
	is_number(v)
	v > 0
}

_root_value("runAsNonRoot", v) if v != true

_root_value("runAsUser", v) if not _positive(v)

# With an explicit runAsUser: 0, runAsNonRoot: true alone would stop the container from
# starting: a non-zero UID is needed too.
_uid_fix(c) := [{"path": sprintf("%s.runAsUser", [sc.container_sc_path(c)]), "value": "YOUR_VALUE"}] if {
	s := sc.setting(c, "runAsUser")
	not _positive(s.value)
} else := []

# --- privilege escalation ----------------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	not sc.container_sc(c).allowPrivilegeEscalation == false
	path := sprintf("%s.allowPrivilegeEscalation", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("allowPrivilegeEscalation: %s does not set allowPrivilegeEscalation: false", [workload.name_of(c)]),
		"failedPaths": _set_paths(c, "allowPrivilegeEscalation"),
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

# --- seccomp (as C-0210) -----------------------------------------------------------------------

# No container sets its own profile: the pod's setting decides, one finding at pod level.
deny contains finding if {
	_linux
	not _any_container_sets_seccomp
	failing := [workload.name_of(c) | some c in workload.containers; not _seccomp_confined(c)]
	count(failing) > 0
	finding := {
		"msg": sprintf("seccompProfile: the pod spec of %s sets no seccomp profile of type RuntimeDefault or Localhost, neither at pod level nor on %s", [k8s.describe, concat(", ", sort(failing))]),
		"failedPaths": _pod_seccomp_failed,
		"fixPaths": [{"path": sprintf("%s.seccompProfile.type", [sc.pod_sc_path]), "value": "RuntimeDefault"}],
	}
}

deny contains finding if {
	_linux
	_any_container_sets_seccomp
	some c in workload.containers
	not _seccomp_confined(c)
	finding := {
		"msg": sprintf("seccompProfile: %s runs without a seccomp profile of type RuntimeDefault or Localhost", [workload.name_of(c)]),
		"failedPaths": _seccomp_failed(c),
		"fixPaths": [{"path": sprintf("%s.seccompProfile.type", [sc.container_sc_path(c)]), "value": "RuntimeDefault"}],
	}
}

_seccomp_confined(c) if sc.effective(c, "seccompProfile").type in {"RuntimeDefault", "Localhost"}

_any_container_sets_seccomp if {
	some c in workload.containers
	object.get(sc.container_sc(c), "seccompProfile", null) != null
}

_seccomp_failed(c) := [_profile_path(s)] if {
	s := sc.setting(c, "seccompProfile")
} else := []

_pod_seccomp_failed := [_profile_path({"value": v, "path": sprintf("%s.seccompProfile", [sc.pod_sc_path])})] if {
	v := sc.pod_sc.seccompProfile
	v != null
} else := []

_profile_path(s) := sprintf("%s.type", [s.path]) if {
	is_object(s.value)
	object.get(s.value, "type", null) != null
} else := s.path

# --- bad values of the fields not otherwise judged ---------------------------------------------

# procMount: Unmasked exposes the host's /proc paths the runtime normally masks. With a user
# namespace (hostUsers: false) the Pod Security Standards' baseline allows it.
deny contains finding if {
	_linux
	not workload.pod_spec.hostUsers == false
	some c in workload.containers
	v := sc.container_sc(c).procMount
	v != null
	v != "Default"
	path := sprintf("%s.procMount", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("procMount: %s sets procMount %v, unmasking /proc", [workload.name_of(c), v]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "Default"}],
	}
}

# sysctls outside the namespaced safe set of the Pod Security Standards.
deny contains finding if {
	_linux
	sysctls := sc.pod_sc.sysctls
	is_array(sysctls)
	some i, s in sysctls
	is_object(s)
	name := object.get(s, "name", "")
	not _safe_sysctl(name)
	path := sprintf("%s.sysctls[%d]", [sc.pod_sc_path, i])
	finding := {
		"msg": sprintf("sysctls: the pod sets the unsafe sysctl %v", [name]),
		"failedPaths": [sprintf("%s.name", [path])],
		"deletePaths": [path],
	}
}

_safe_sysctls := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_rmem",
	"net.ipv4.tcp_wmem",
	"net.ipv4.tcp_slow_start_after_idle",
	"net.ipv4.tcp_notsent_lowat",
}

# The kubelet accepts "/" as the separator too (net/ipv4/tcp_syncookies).
_safe_sysctl(name) if {
	is_string(name)
	replace(name, "/", ".") in _safe_sysctls
}

# SELinux: a type other than the container types, or any user or role, at pod or container level.
deny contains finding if {
	_linux
	some level in _selinux_levels
	some field, bad in _selinux_problems(level.options)
	path := sprintf("%s.seLinuxOptions.%s", [level.path, field])
	finding := {
		"msg": sprintf("seLinuxOptions: %s sets seLinuxOptions.%s %v, %s", [level.describe, field, bad, _selinux_why[field]]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

_selinux_levels contains {"options": o, "path": sc.pod_sc_path, "describe": "the pod"} if {
	o := sc.pod_sc.seLinuxOptions
	is_object(o)
}

_selinux_levels contains {"options": o, "path": sc.container_sc_path(c), "describe": workload.name_of(c)} if {
	some c in workload.containers
	o := sc.container_sc(c).seLinuxOptions
	is_object(o)
}

_selinux_types := {"container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

_selinux_problems(o) := {field: v |
	some field in ["type", "user", "role"]
	v := o[field]
	v != null
	v != ""
	_selinux_bad(field, v)
}

_selinux_bad("type", v) if not v in _selinux_types

_selinux_bad("user", _)

_selinux_bad("role", _)

_selinux_why := {
	"type": "a label that is not a confined container type",
	"user": "overriding the SELinux user",
	"role": "overriding the SELinux role",
}

# --- Windows -------------------------------------------------------------------------------------

# A HostProcess container runs as a process on the Windows node, with the node's access.
deny contains finding if {
	sc.pod_sc.windowsOptions.hostProcess == true
	path := sprintf("%s.windowsOptions.hostProcess", [sc.pod_sc_path])
	finding := {
		"msg": "windowsOptions: the pod runs its containers as Windows HostProcess containers, with the node's access",
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

deny contains finding if {
	some c in workload.containers
	sc.container_sc(c).windowsOptions.hostProcess == true
	path := sprintf("%s.windowsOptions.hostProcess", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("windowsOptions: %s runs as a Windows HostProcess container, with the node's access", [workload.name_of(c)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

# --- helpers -----------------------------------------------------------------------------------

# A container-level field is in the failed paths only when present (set to a wrong value).
_set_paths(c, field) := [sprintf("%s.%s", [sc.container_sc_path(c), field])] if {
	object.get(sc.container_sc(c), field, null) != null
} else := []
