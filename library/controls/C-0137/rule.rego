package kubescape.controls.C_0137

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not _local_socket_only(inst)
	missing := cp.unset_flags(inst, ["etcd-certfile", "etcd-keyfile"])
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s does not authenticate to etcd with a client certificate: %s", [cp.describe(inst), cp.unset_flags_text(inst, missing)])},
		cp.ensure_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing]),
	)
}

# A storage backend reached only over a local unix socket (kine in k3s, say) takes no TLS client
# certificate.
_local_socket_only(inst) if {
	servers := cp.flag_list(inst, "etcd-servers")
	count(servers) > 0
	every s in servers {
		startswith(lower(s), "unix:")
	}
}
