package kubescape.controls.C_0005

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	some name in ["insecure-port", "port"]
	f := cp.flag(inst, name)
	trim_space(f.value) != "0"
	finding := object.union(
		{"msg": sprintf("%s serves the unauthenticated insecure port %s (--%s)", [cp.describe(inst), f.value, name])},
		cp.remove_flag_paths(inst, name),
	)
}
