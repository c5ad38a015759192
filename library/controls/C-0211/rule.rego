package kubescape.controls.C_0211

import data.kubescape.controls.C_0013
import data.kubescape.controls.C_0016
import data.kubescape.controls.C_0017
import data.kubescape.controls.C_0057
import data.kubescape.controls.C_0210
import data.kubescape.lib.k8s
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# A composite of the security context checks, one finding per problem, each named in the
# message. The checks follow the single-purpose controls: privileged and ALL/SYS_ADMIN (C-0057),
# readOnlyRootFilesystem (C-0017), root (C-0013), allowPrivilegeEscalation (C-0016), seccomp
# (C-0210), plus dropped capabilities and the Pod Security Standards' bad values for procMount,
# sysctls, SELinux and Windows HostProcess.

_linux if not sc.is_windows

# --- the checks of the single-purpose controls --------------------------------------------------

# Privileged (C-0057), read-only root filesystem (C-0017), root (C-0013), privilege escalation
# (C-0016) and seccomp (C-0210) are judged exactly as those controls judge them: their findings,
# named by the problem. A scan that runs them too computes each once.
_parts := [
	{"name": "privileged", "findings": C_0057.deny},
	{"name": "readOnlyRootFilesystem", "findings": C_0017.deny},
	{"name": "runAsNonRoot", "findings": C_0013.deny},
	{"name": "allowPrivilegeEscalation", "findings": C_0016.deny},
	{"name": "seccompProfile", "findings": C_0210.deny},
]

deny contains finding if {
	some part in _parts
	some f in part.findings
	finding := object.union(f, {"msg": sprintf("%s: %s", [part.name, f.msg])})
}

# --- capabilities ----------------------------------------------------------------------------

deny contains finding if {
	_linux
	some c in workload.containers
	not _drops_net_raw(sc.container_sc(c))
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

# The container (csc: its securityContext) drops ALL or NET_RAW. Reads the list itself rather
# than through _drops(c), which only the failing containers need.
_drops_net_raw(csc) if {
	drops := csc.capabilities.drop
	is_array(drops)
	some x in drops
	sc.cap_name(x) in {"ALL", "NET_RAW"}
}

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
