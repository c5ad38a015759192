package kubescape.controls.C_0159

import data.kubescape.lib.controlplane as cp

# Where kubeadm keeps the Kubernetes cluster CA on the host.
kubernetes_ca_files := {"/etc/kubernetes/pki/ca.crt"}

# (1) The API server verifies etcd with the CA it trusts for its own clients.
deny contains finding if {
	some inst in cp.apiservers
	e := cp.flag(inst, "etcd-cafile")
	c := cp.flag(inst, "client-ca-file")
	trim_space(e.value) != ""
	_same_file(inst, e.value, c.value)
	finding := object.union(
		{
			"msg": sprintf("%s verifies etcd with its client CA (--etcd-cafile and --client-ca-file are both %s): etcd's certificates come from the Kubernetes CA, not from a CA of its own", [cp.describe(inst), trim_space(e.value)]),
			"reviewPaths": _review(inst, c),
		},
		cp.set_flag_paths(e, "YOUR_VALUE"),
	)
}

# (2) etcd trusts the host's Kubernetes cluster CA for its clients.
deny contains finding if {
	some inst in cp.etcds
	t := cp.flag(inst, "trusted-ca-file")
	host := cp.host_file(inst, t.value)
	host in kubernetes_ca_files
	finding := object.union(
		{"msg": sprintf("%s trusts the Kubernetes cluster CA for its clients (%s is the host's %s): every client certificate of the cluster is accepted by etcd", [cp.describe(inst), cp.flag_text(t), host])},
		cp.set_flag_paths(t, "YOUR_VALUE"),
	)
}

# (3) etcd and the API server in one Pod, etcd trusting the API server's client CA.
deny contains finding if {
	some inst in cp.etcds
	some api in cp.apiservers
	t := cp.flag(inst, "trusted-ca-file")
	c := cp.flag(api, "client-ca-file")
	host := cp.host_file(inst, t.value)
	not host in kubernetes_ca_files
	host == cp.host_file(api, c.value)
	finding := object.union(
		{
			"msg": sprintf("%s trusts the API server's client CA (%s is the host's %s, as --client-ca-file of %s): every client certificate of the cluster is accepted by etcd", [cp.describe(inst), cp.flag_text(t), host, cp.describe(api)]),
			"reviewPaths": cp.flag_paths(c),
		},
		cp.set_flag_paths(t, "YOUR_VALUE"),
	)
}

# Two flags of one container name the same file: the same path, or the same host file.
_same_file(_, a, b) if _clean(a) == _clean(b)

_same_file(inst, a, b) if cp.host_file(inst, a) == cp.host_file(inst, b)

_clean(p) := regex.replace(trim_space(p), `/+`, "/")

_review(inst, _) := [] if inst.shell

_review(inst, c) := cp.flag_paths(c) if not inst.shell
