package kubescape.controls.C_0120

import data.kubescape.lib.controlplane as cp

# authorization_modes is undefined under --authorization-config (the chain is in a file): no
# finding then.
deny contains finding if {
	some inst in cp.apiservers
	modes := cp.authorization_modes(inst)
	not "RBAC" in modes
	finding := object.union(
		{"msg": sprintf("%s does not authorize requests with RBAC: it runs with %s", [cp.describe(inst), cp.authorization_mode_text(inst)])},
		cp.add_authorization_mode_paths(inst, "RBAC"),
	)
}
