package kubescape.controls.C_0127

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "NodeRestriction")
	finding := object.union(
		{"msg": sprintf("%s does not run the NodeRestriction admission plugin (%s), so a kubelet's credentials can modify other nodes and Pods bound to them", [cp.describe(inst), cp.admission_plugin_off_text(inst, "NodeRestriction")])},
		cp.enable_admission_plugin_paths(inst, "NodeRestriction"),
	)
}
