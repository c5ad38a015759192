package kubescape.controls.C_0125

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "ServiceAccount")
	finding := object.union(
		{"msg": sprintf("%s does not run the ServiceAccount admission plugin (%s), so Pods are not bound to service accounts that exist", [cp.describe(inst), cp.admission_plugin_off_text(inst, "ServiceAccount")])},
		cp.enable_admission_plugin_paths(inst, "ServiceAccount"),
	)
}
