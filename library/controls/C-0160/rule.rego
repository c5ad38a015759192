package kubescape.controls.C_0160

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.flag_set(inst, "audit-policy-file")
	finding := object.union(
		{"msg": sprintf("%s %s: no audit policy, so no request is recorded", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["audit-policy-file", "YOUR_VALUE"]]),
	)
}

_why(inst) := "does not set --audit-policy-file" if not cp.has_flag(inst, "audit-policy-file")

_why(inst) := "sets --audit-policy-file to an empty value" if cp.has_flag(inst, "audit-policy-file")
