package kubescape.controls.C_0158

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	cp.flag_bool(inst, "peer-auto-tls", false) == true
	count(cp.unset_flags(inst, ["peer-cert-file", "peer-key-file"])) == 2
	not cp.etcd_peers_local(inst)
	finding := object.union(
		{"msg": sprintf("%s runs with %s and no peer certificate of its own: members use self-signed certificates they cannot verify", [cp.describe(inst), cp.flag_text(cp.flag(inst, "peer-auto-tls"))])},
		cp.remove_flag_paths(inst, "peer-auto-tls"),
	)
}
