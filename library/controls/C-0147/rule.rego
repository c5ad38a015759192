package kubescape.controls.C_0147

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.controller_managers
	not cp.flag_set(inst, "service-account-private-key-file")
	not _token_controller_off(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: its token controller has no key to sign service account tokens with", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["service-account-private-key-file", "YOUR_VALUE"]]),
	)
}

_why(inst) := "does not set --service-account-private-key-file" if not cp.has_flag(inst, "service-account-private-key-file")

_why(inst) := "sets --service-account-private-key-file to an empty value" if cp.has_flag(inst, "service-account-private-key-file")

# --controllers decides as the controller manager does: the first item naming the controller
# ("serviceaccount-token" or "-serviceaccount-token") wins; otherwise "*" turns it on.
_token_controller_off(inst) if {
	cp.has_flag(inst, "controllers")
	named := [x | some x in cp.flag_list(inst, "controllers"); x in {"serviceaccount-token", "-serviceaccount-token"}]
	count(named) > 0
	named[0] == "-serviceaccount-token"
}

_token_controller_off(inst) if {
	cp.has_flag(inst, "controllers")
	items := cp.flag_list(inst, "controllers")
	count([x | some x in items; x in {"serviceaccount-token", "-serviceaccount-token"}]) == 0
	not "*" in items
}
