package kubescape.controls.C_0123

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "AlwaysPullImages")
	finding := object.union(
		{"msg": sprintf("%s does not run the AlwaysPullImages admission plugin (%s), so a Pod can start any image already cached on its node without the registry checking its pull credentials", [cp.describe(inst), cp.admission_plugin_off_text(inst, "AlwaysPullImages")])},
		cp.enable_admission_plugin_paths(inst, "AlwaysPullImages"),
	)
}
