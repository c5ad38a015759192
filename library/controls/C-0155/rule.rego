package kubescape.controls.C_0155

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	cp.flag_bool(inst, "auto-tls", false) == true
	count(cp.unset_flags(inst, ["cert-file", "key-file"])) == 2
	finding := object.union(
		{"msg": sprintf("%s runs with %s and no certificate of its own: clients get a self-signed certificate they cannot verify", [cp.describe(inst), cp.flag_text(cp.flag(inst, "auto-tls"))])},
		cp.remove_flag_paths(inst, "auto-tls"),
	)
}
