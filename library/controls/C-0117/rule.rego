package kubescape.controls.C_0117

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := cp.unset_flags(inst, ["kubelet-certificate-authority"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s does not verify the serving certificates of kubelets, so a spoofed kubelet can intercept exec, logs and port-forward traffic: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}
