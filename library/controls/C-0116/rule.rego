package kubescape.controls.C_0116

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := cp.unset_flags(inst, ["kubelet-client-certificate", "kubelet-client-key"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s does not present a client certificate to kubelets, which must then serve logs, exec and port-forward to it without authentication: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}
