package kubescape.controls.C_0066

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.flag_set(inst, "encryption-provider-config")
	finding := object.union(
		{"msg": sprintf("%s sets no --encryption-provider-config: Secrets are stored unencrypted in etcd", [cp.describe(inst)])},
		_paths(inst),
	)
}

# An empty --encryption-provider-config= is the flag to fix; otherwise the flag must be added.
_paths(inst) := cp.set_flag_paths(f, "YOUR_VALUE") if f := cp.flag(inst, "encryption-provider-config")

_paths(inst) := cp.add_flag_paths(inst, "encryption-provider-config", "YOUR_VALUE") if {
	not cp.has_flag(inst, "encryption-provider-config")
}
