package kubescape.controls.C_0138

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := cp.unset_flags(inst, ["tls-cert-file", "tls-private-key-file"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s falls back to a self-signed serving certificate it generates itself: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}
