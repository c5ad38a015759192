package kubescape.controls.C_0145

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.controller_managers
	not _off(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: it serves /debug/pprof profiles", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["profiling", "false"]]),
	)
}

_off(inst) if cp.flag_bool(inst, "profiling", true) == false

_why(inst) := "does not set --profiling=false (profiling is on by default)" if not cp.has_flag(inst, "profiling")

_why(inst) := sprintf("runs with --profiling=%s", [cp.flag_value(inst, "profiling")]) if cp.has_flag(inst, "profiling")
