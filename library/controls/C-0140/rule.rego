package kubescape.controls.C_0140

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not _local_socket_only(inst)
	not cp.flag_set(inst, "etcd-cafile")
	finding := object.union(
		{"msg": sprintf("%s does not verify etcd's serving certificate against a dedicated CA (any CA of the system trust store is accepted): %s", [cp.describe(inst), cp.unset_flags_text(inst, ["etcd-cafile"])])},
		cp.ensure_flags_paths(inst, [["etcd-cafile", "YOUR_VALUE"]]),
	)
}

# A storage backend reached only over a local unix socket (kine in k3s, say) has no TLS to verify.
_local_socket_only(inst) if {
	servers := cp.flag_list(inst, "etcd-servers")
	count(servers) > 0
	every s in servers {
		startswith(lower(s), "unix:")
	}
}
