package kubescape.controls.C_0130

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := cp.unset_flags(inst, ["audit-log-path"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s writes no audit log: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}
