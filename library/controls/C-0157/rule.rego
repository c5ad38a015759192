package kubescape.controls.C_0157

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	not _on(inst)
	not cp.etcd_peers_local(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: anything that reaches its peer port can pose as a cluster member", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["peer-client-cert-auth", "true"]]),
	)
}

_on(inst) if cp.flag_bool(inst, "peer-client-cert-auth", false) == true

_why(inst) := "does not set --peer-client-cert-auth=true (the default is false)" if not cp.has_flag(inst, "peer-client-cert-auth")

_why(inst) := sprintf("runs with %s", [cp.flag_text(cp.flag(inst, "peer-client-cert-auth"))]) if cp.has_flag(inst, "peer-client-cert-auth")
