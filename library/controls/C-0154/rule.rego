package kubescape.controls.C_0154

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	not _on(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: any client that reaches it can read and write the whole cluster state", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["client-cert-auth", "true"]]),
	)
}

_on(inst) if cp.flag_bool(inst, "client-cert-auth", false) == true

_why(inst) := "does not set --client-cert-auth=true (the default is false)" if not cp.has_flag(inst, "client-cert-auth")

_why(inst) := sprintf("runs with %s", [cp.flag_text(cp.flag(inst, "client-cert-auth"))]) if cp.has_flag(inst, "client-cert-auth")
