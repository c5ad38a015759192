package kubescape.controls.C_0068

import data.kubescape.lib.controlplane as cp
import data.kubescape.lib.image

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "PodSecurity")
	not cp.admission_plugin_enabled(inst, "PodSecurityPolicy")
	finding := object.union(
		{"msg": sprintf("%s runs neither PodSecurity nor PodSecurityPolicy admission: %s", [cp.describe(inst), _why(inst)])},
		_paths(inst),
	)
}

_why(inst) := "the legacy --admission-control list leaves both out" if cp.has_flag(inst, "admission-control")

_why(inst) := "--disable-admission-plugins turns PodSecurity off" if {
	not cp.has_flag(inst, "admission-control")
	count(cp.admission_plugin_disabled_by(inst, "PodSecurity")) > 0
}

_why(inst) := sprintf("Kubernetes %d.%d (image tag) does not enable PodSecurity by default", [v[0], v[1]]) if {
	not cp.has_flag(inst, "admission-control")
	count(cp.admission_plugin_disabled_by(inst, "PodSecurity")) == 0
	v := cp.version(inst)
}

# The flags that turn PodSecurity off, each with its fix.
_paths(inst) := _merge([_fix(inst, f) | some f in cp.admission_plugin_disabled_by(inst, "PodSecurity")]) if {
	count(cp.admission_plugin_disabled_by(inst, "PodSecurity")) > 0
}

# An old API server without the default: enable PodSecurityPolicy (PodSecurity is alpha or
# missing there).
_paths(inst) := cp.set_flag_paths(f, concat(",", array.concat(cp.flag_list(inst, "enable-admission-plugins"), ["PodSecurityPolicy"]))) if {
	count(cp.admission_plugin_disabled_by(inst, "PodSecurity")) == 0
	f := cp.flag(inst, "enable-admission-plugins")
}

_paths(inst) := cp.add_flag_paths(inst, "enable-admission-plugins", "PodSecurityPolicy") if {
	count(cp.admission_plugin_disabled_by(inst, "PodSecurity")) == 0
	not cp.has_flag(inst, "enable-admission-plugins")
}

# --admission-control: add the plugin the version has to the list.
_fix(inst, f) := cp.set_flag_paths(f, concat(",", [f.value, _plugin(inst)])) if f.name == "admission-control"

_plugin(inst) := "PodSecurityPolicy" if image.older(cp.version(inst), [1, 23, 0])

_plugin(inst) := "PodSecurity" if not image.older(cp.version(inst), [1, 23, 0])

# --disable-admission-plugins: drop PodSecurity from the list, or the whole flag when it is left
# empty.
_fix(_, f) := cp.set_flag_paths(f, concat(",", rest)) if {
	f.name == "disable-admission-plugins"
	rest := _without(f.value, "PodSecurity")
	count(rest) > 0
}

_fix(_, f) := {"failedPaths": cp.flag_paths(f), "deletePaths": cp.flag_paths(f)} if {
	f.name == "disable-admission-plugins"
	count(_without(f.value, "PodSecurity")) == 0
	f.form != "script"
}

_fix(_, f) := {"failedPaths": [f.path]} if {
	f.name == "disable-admission-plugins"
	count(_without(f.value, "PodSecurity")) == 0
	f.form == "script"
}

_without(value, plugin) := [p |
	some x in split(value, ",")
	p := trim_space(x)
	p != ""
	p != plugin
]

_merge(parts) := {k: v |
	some k in {"failedPaths", "fixPaths", "deletePaths"}
	v := [p | some part in parts; some p in object.get(part, k, [])]
	count(v) > 0
}
