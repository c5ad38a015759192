package kubescape.controls.C_0153

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	missing := cp.unset_flags(inst, ["cert-file", "key-file"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s has no complete serving certificate (missing %s): its clients, the API server first, cannot reach it over verified TLS", [cp.describe(inst), concat(", ", [sprintf("--%s", [n]) | some n in missing])])},
		cp.ensure_flags_paths(inst, [[n, "YOUR_VALUE"] | some n in missing]),
	)
}
