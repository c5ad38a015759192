package kubescape.controls.C_0148

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.controller_managers
	not cp.flag_set(inst, "root-ca-file")
	finding := object.union(
		{"msg": sprintf("%s %s: Pods get no explicit CA bundle to verify the API server with", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["root-ca-file", "YOUR_VALUE"]]),
	)
}

_why(inst) := "does not set --root-ca-file" if not cp.has_flag(inst, "root-ca-file")

_why(inst) := "sets --root-ca-file to an empty value" if cp.has_flag(inst, "root-ca-file")
