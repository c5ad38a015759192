package kubescape.controls.C_0156

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.etcds
	missing := cp.unset_flags(inst, ["peer-cert-file", "peer-key-file"])
	count(missing) > 0
	not cp.etcd_peers_local(inst)
	finding := object.union(
		{"msg": sprintf("%s has no complete peer certificate (missing %s): replication with other members is not protected by verified TLS", [cp.describe(inst), concat(", ", [sprintf("--%s", [n]) | some n in missing])])},
		cp.ensure_flags_paths(inst, [[n, "YOUR_VALUE"] | some n in missing]),
	)
}
