package kubescape.controls.C_0151

import data.kubescape.lib.controlplane as cp

# Flags only: the --profiling flag decides.
deny contains finding if {
	some inst in cp.schedulers
	not cp.flag_set(inst, "config")
	not _off(inst)
	finding := object.union(
		{"msg": sprintf("%s %s: it serves /debug/pprof profiles", [cp.describe(inst), _why(inst)])},
		cp.ensure_flags_paths(inst, [["profiling", "false"]]),
	)
}

# A --config file decides, and profiling is on unless it says enableProfiling: false. The
# command line does not disable it either: point at the config flag for review.
deny contains finding if {
	some inst in cp.schedulers
	cf := cp.flag(inst, "config")
	trim_space(cf.value) != ""
	not _off(inst)
	finding := object.union(
		{
			"msg": sprintf("%s reads its settings from --config %s, where profiling stays on (serving /debug/pprof) unless the file sets enableProfiling: false; nothing on the command line turns it off: check the file (and add --profiling=false to record it)", [cp.describe(inst), cf.value]),
			"reviewPaths": cp.flag_paths(cf),
		},
		_flag_paths(inst),
	)
}

_off(inst) if cp.flag_bool(inst, "profiling", true) == false

_why(inst) := "does not set --profiling=false (profiling is on by default)" if not cp.has_flag(inst, "profiling")

_why(inst) := sprintf("runs with --profiling=%s", [cp.flag_value(inst, "profiling")]) if cp.has_flag(inst, "profiling")

# With --config, an explicit --profiling=true is wrong too (though ignored): report it.
_flag_paths(inst) := {"failedPaths": cp.flag_paths(cp.flag(inst, "profiling"))} if cp.has_flag(inst, "profiling")

_flag_paths(inst) := {} if not cp.has_flag(inst, "profiling")
