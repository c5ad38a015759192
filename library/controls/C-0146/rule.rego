package kubescape.controls.C_0146

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.controller_managers
	not _on(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: all its controllers act with the controller manager's own credentials", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["use-service-account-credentials", "true"]]),
	)
}

_on(inst) if cp.flag_bool(inst, "use-service-account-credentials", false) == true

_why(inst) := "does not set --use-service-account-credentials=true (the default is false)" if {
	not cp.has_flag(inst, "use-service-account-credentials")
}

_why(inst) := sprintf("runs with --use-service-account-credentials=%s", [cp.flag_value(inst, "use-service-account-credentials")]) if {
	cp.has_flag(inst, "use-service-account-credentials")
}
