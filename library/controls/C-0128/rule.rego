package kubescape.controls.C_0128

import data.kubescape.lib.controlplane as cp

# An absent --secure-port is the default 6443 and passes.
deny contains finding if {
	some inst in cp.apiservers
	f := cp.flag(inst, "secure-port")
	_zero(f.value)
	finding := object.union(
		{"msg": sprintf("%s does not serve HTTPS: --secure-port is %q", [cp.describe(inst), f.value])},
		cp.remove_flag_paths(inst, "secure-port"),
	)
}

_zero(v) if regex.match(`^[+]?0+$`, trim_space(v))
