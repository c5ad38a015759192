package kubescape.controls.C_0283

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "DenyServiceExternalIPs")
	finding := object.union(
		{"msg": sprintf("%s does not run the DenyServiceExternalIPs admission plugin (%s), so anyone who can create or edit a Service can claim any IP address with spec.externalIPs and intercept its traffic", [cp.describe(inst), cp.admission_plugin_off_text(inst, "DenyServiceExternalIPs")])},
		cp.enable_admission_plugin_paths(inst, "DenyServiceExternalIPs"),
	)
}
