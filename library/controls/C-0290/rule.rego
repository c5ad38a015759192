package kubescape.controls.C_0290

import data.kubescape.lib.controlplane as cp

# --service-account-extend-token-expiration defaults to true.
deny contains finding if {
	some inst in cp.apiservers
	cp.flag_bool(inst, "service-account-extend-token-expiration", true) == true
	finding := object.union(
		{"msg": sprintf("%s lets the projected service account tokens kubelets request stay valid for a year instead of about an hour: %s", [cp.describe(inst), _state(inst)])},
		_paths(inst),
	)
}

_state(inst) := sprintf("--service-account-extend-token-expiration is %q", [cp.flag_value(inst, "service-account-extend-token-expiration")]) if {
	cp.has_flag(inst, "service-account-extend-token-expiration")
}

_state(inst) := "--service-account-extend-token-expiration is not set and defaults to true" if {
	not cp.has_flag(inst, "service-account-extend-token-expiration")
}

_paths(inst) := cp.set_flag_paths(f, "false") if f := cp.flag(inst, "service-account-extend-token-expiration")

_paths(inst) := cp.add_flag_paths(inst, "service-account-extend-token-expiration", "false") if {
	not cp.has_flag(inst, "service-account-extend-token-expiration")
}
