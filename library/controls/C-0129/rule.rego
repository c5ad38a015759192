package kubescape.controls.C_0129

import data.kubescape.lib.controlplane as cp

# --profiling defaults to true.
deny contains finding if {
	some inst in cp.apiservers
	cp.flag_bool(inst, "profiling", true) == true
	finding := object.union(
		{"msg": sprintf("%s serves profiling data on /debug/pprof: %s", [cp.describe(inst), _state(inst)])},
		_paths(inst),
	)
}

_state(inst) := sprintf("--profiling is %q", [cp.flag_value(inst, "profiling")]) if cp.has_flag(inst, "profiling")

_state(inst) := "--profiling is not set and defaults to true" if not cp.has_flag(inst, "profiling")

_paths(inst) := cp.set_flag_paths(f, "false") if f := cp.flag(inst, "profiling")

_paths(inst) := cp.add_flag_paths(inst, "profiling", "false") if not cp.has_flag(inst, "profiling")
