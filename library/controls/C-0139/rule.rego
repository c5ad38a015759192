package kubescape.controls.C_0139

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := cp.unset_flags(inst, ["client-ca-file"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s cannot authenticate clients by X.509 certificate: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}
