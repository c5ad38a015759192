package kubescape.controls.C_0150

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.controller_managers
	not _serving_off(inst)
	not _loopback(inst)
	finding := object.union(
		{"msg": sprintf("%s %s", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["bind-address", "127.0.0.1"]]),
	)
}

_loopback(inst) if cp.is_loopback_address(cp.flag_value(inst, "bind-address"))

_serving_off(inst) if trim_space(cp.flag_value(inst, "secure-port")) == "0"

_why(inst) := "does not set --bind-address: its HTTPS endpoint listens on all interfaces (0.0.0.0)" if {
	not cp.has_flag(inst, "bind-address")
}

_why(inst) := sprintf("listens on %q (--bind-address), not on a loopback address", [cp.flag_value(inst, "bind-address")]) if {
	cp.has_flag(inst, "bind-address")
}
