package kubescape.controls.C_0122

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	cp.admission_plugin_enabled(inst, "AlwaysAdmit")
	finding := object.union(
		{"msg": sprintf("%s runs the AlwaysAdmit admission plugin, which admits every request and bypasses all other admission control", [cp.describe(inst)])},
		cp.disable_admission_plugin_paths(inst, "AlwaysAdmit"),
	)
}
