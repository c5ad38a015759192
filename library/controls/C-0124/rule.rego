package kubescape.controls.C_0124

import data.kubescape.lib.controlplane as cp
import data.kubescape.lib.image

# Any of these restricts what a Pod may ask for in its security context at admission:
# SecurityContextDeny (removed in 1.30), PodSecurityPolicy (removed in 1.25), and their successor
# PodSecurity (on by default since 1.23).
_pod_security_plugins := ["PodSecurity", "PodSecurityPolicy", "SecurityContextDeny"]

deny contains finding if {
	some inst in cp.apiservers
	not _restricted(inst)
	finding := object.union(
		{"msg": sprintf("%s runs none of the PodSecurity, PodSecurityPolicy and SecurityContextDeny admission plugins (PodSecurity: %s), so nothing restricts the security context Pods ask for", [cp.describe(inst), cp.admission_plugin_off_text(inst, "PodSecurity")])},
		cp.enable_admission_plugin_paths(inst, _plugin(inst)),
	)
}

_restricted(inst) if {
	some p in _pod_security_plugins
	cp.admission_plugin_enabled(inst, p)
}

# Releases before 1.23 had no usable PodSecurity: SecurityContextDeny is the fix there.
_plugin(inst) := "SecurityContextDeny" if image.older(cp.version(inst), [1, 23, 0])

_plugin(inst) := "PodSecurity" if not _before_1_23(inst)

_before_1_23(inst) if image.older(cp.version(inst), [1, 23, 0])
