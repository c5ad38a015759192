package kubescape.controls.C_0115

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	cp.admission_plugin_enabled(inst, "DenyServiceExternalIPs")
	finding := object.union(
		{"msg": sprintf("%s runs the DenyServiceExternalIPs admission plugin (this legacy check asks for it to be off; C-0283 asks for the opposite)", [cp.describe(inst)])},
		cp.disable_admission_plugin_paths(inst, "DenyServiceExternalIPs"),
	)
}
