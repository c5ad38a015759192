package kubescape.controls.C_0121

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "EventRateLimit")
	finding := object.union(
		{"msg": sprintf("%s does not run the EventRateLimit admission plugin (%s), so any client can flood the API server and etcd with Events", [cp.describe(inst), cp.admission_plugin_off_text(inst, "EventRateLimit")])},
		_paths(inst),
	)
}

# EventRateLimit needs its limits from --admission-control-config-file: the fix turns the plugin
# on and asks for that file when it is not given. Flags to append are appended together, so that
# they get consecutive positions.
_paths(inst) := cp.merge_paths(array.concat(
	[cp.enable_admission_plugin_paths(inst, "EventRateLimit"), _config_in_place(inst)],
	[p | not cp.has_flag(inst, "admission-control-config-file"); p := cp.add_flag_paths(inst, "admission-control-config-file", "YOUR_VALUE")],
)) if not _appends_plugin_list(inst)

_paths(inst) := cp.merge_paths(array.concat(
	[cp.drop_item_paths(f, "EventRateLimit") | some f in cp.admission_plugin_disabled_by(inst, "EventRateLimit")],
	[_config_in_place(inst), cp.add_flags_paths(inst, _appended(inst))],
)) if _appends_plugin_list(inst)

# The plugin fix adds a new --enable-admission-plugins flag.
_appends_plugin_list(inst) if {
	not cp.has_flag(inst, "admission-control")
	not cp.has_flag(inst, "enable-admission-plugins")
}

_appended(inst) := [["enable-admission-plugins", "EventRateLimit"]] if cp.has_flag(inst, "admission-control-config-file")

_appended(inst) := [["enable-admission-plugins", "EventRateLimit"], ["admission-control-config-file", "YOUR_VALUE"]] if {
	not cp.has_flag(inst, "admission-control-config-file")
}

# A config file flag given with an empty value is fixed where it is.
_config_in_place(inst) := cp.set_flag_paths(f, "YOUR_VALUE") if {
	f := cp.flag(inst, "admission-control-config-file")
	trim_space(f.value) == ""
}

_config_in_place(inst) := {} if not _empty_config(inst)

_empty_config(inst) if trim_space(cp.flag(inst, "admission-control-config-file").value) == ""
