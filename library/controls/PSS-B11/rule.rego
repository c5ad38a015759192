# PSS-B11 Sysctls (baseline): spec.securityContext.sysctls may only name the safe sysctls of the
# policy version: the v1.0 set, plus net.ipv4.ip_local_reserved_ports from v1.27, the TCP
# keepalive and fin-timeout sysctls from v1.29, tcp_rmem and tcp_wmem from v1.32, and
# tcp_slow_start_after_idle and tcp_notsent_lowat from v1.37.
package kubescape.controls.PSS_B11

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc

# Safe sysctls by the policy version that allowed them first.
safe := {
	0: {
		"kernel.shm_rmid_forced",
		"net.ipv4.ip_local_port_range",
		"net.ipv4.ip_unprivileged_port_start",
		"net.ipv4.tcp_syncookies",
		"net.ipv4.ping_group_range",
	},
	27: {"net.ipv4.ip_local_reserved_ports"},
	29: {
		"net.ipv4.tcp_keepalive_time",
		"net.ipv4.tcp_fin_timeout",
		"net.ipv4.tcp_keepalive_intvl",
		"net.ipv4.tcp_keepalive_probes",
	},
	32: {"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"},
	37: {"net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"},
}

# since maps each safe sysctl to the version that allowed it.
since := {name: v | some v, names in safe; some name in names}

_allowed(name) if pss.minor >= since[name]

deny contains finding if {
	sysctls := sc.pod_sc.sysctls
	is_array(sysctls)
	some i, s in sysctls
	is_object(s)
	name := object.get(s, "name", "")
	not _allowed(name)
	finding := {
		"msg": sprintf("the pod sets the sysctl %v, which policy version %s does not allow%s", [pss.shown(name), pss.version, _later(name)]),
		"failedPaths": [sprintf("%s.sysctls[%d].name", [sc.pod_sc_path, i])],
		"deletePaths": [sprintf("%s.sysctls[%d]", [sc.pod_sc_path, i])],
	}
}

_later(name) := sprintf(" (it is allowed from v1.%d)", [since[name]]) if since[name] else := ""
