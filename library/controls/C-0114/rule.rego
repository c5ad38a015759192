package kubescape.controls.C_0114

import data.kubescape.lib.controlplane as cp

# An empty --token-auth-file= loads no file and passes.
deny contains finding if {
	some inst in cp.apiservers
	cp.flag_set(inst, "token-auth-file")
	finding := object.union(
		{"msg": sprintf("%s accepts static bearer tokens from --token-auth-file %q: they never expire and change only with a restart", [cp.describe(inst), cp.flag_value(inst, "token-auth-file")])},
		cp.remove_flag_paths(inst, "token-auth-file"),
	)
}
