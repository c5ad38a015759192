package kubescape.controls.C_0149

import data.kubescape.lib.controlplane as cp

gate := "RotateKubeletServerCertificate"

deny contains finding if {
	some inst in cp.controller_managers
	cp.feature_gate_disabled(inst, gate)
	f := cp.feature_gate_flag(inst, gate)
	finding := object.union(
		{"msg": sprintf("%s turns the %s feature gate off (--feature-gates=%s): kubelet serving certificates are not rotated", [cp.describe(inst), gate, f.value])},
		cp.set_flag_paths(f, cp.with_feature_gate(f.value, gate, "true")),
	)
}
