package kubescape.controls.C_0135

import data.kubescape.lib.controlplane as cp

# --service-account-lookup defaults to true: only an explicit false fails.
deny contains finding if {
	some inst in cp.apiservers
	cp.flag_bool(inst, "service-account-lookup", true) == false
	f := cp.flag(inst, "service-account-lookup")
	finding := object.union(
		{"msg": sprintf("%s accepts service account tokens without checking that the account and token still exist: --service-account-lookup is %q", [cp.describe(inst), f.value])},
		cp.set_flag_paths(f, "true"),
	)
}
