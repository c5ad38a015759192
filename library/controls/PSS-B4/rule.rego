# PSS-B4 Capabilities (baseline, every version): a container (init and ephemeral included) may
# add only capabilities of the default set, spelled exactly as the API server compares them
# (upper case, no CAP_ prefix).
package kubescape.controls.PSS_B4

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

allowed := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

deny contains finding if {
	some c in workload.containers
	# read directly rather than through sc.container_sc: the same on a securityContext that is
	# not an object (no field of it is defined), one call less per container
	adds := c.container.securityContext.capabilities.add
	is_array(adds)
	some i, cap in adds
	not cap in allowed
	path := sprintf("%s[%d]", [pss.field_path(c, "capabilities.add"), i])
	finding := {
		"msg": sprintf("%s adds the capability %v, which is not in the baseline's default set%s", [workload.name_of(c), pss.shown(cap), _hint(cap)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

# A capability of the default set spelled another way is still refused by the API server.
_hint(cap) := sprintf(" (write it as %q)", [n]) if {
	n := sc.cap_name(cap)
	n != cap
	n in allowed
} else := ""
