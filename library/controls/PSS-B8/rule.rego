# PSS-B8 SELinux (baseline): where the pod or a container (init and ephemeral included) sets
# seLinuxOptions, its type must be empty or one of container_t, container_init_t,
# container_kvm_t (and container_engine_t from policy v1.31), and user and role must be empty.
# The level field is not restricted.
package kubescape.controls.PSS_B8

import data.kubescape.lib.pss

types_1_0 := {"", "container_t", "container_init_t", "container_kvm_t"}

types_1_31 := types_1_0 | {"container_engine_t"}

allowed_types := types_1_31 if pss.at_least(31)
else := types_1_0

deny contains finding if {
	some s in pss.settings("seLinuxOptions")
	t := _field(s.value, "type")
	not t in allowed_types
	path := sprintf("%s.type", [s.path])
	finding := {
		"msg": sprintf("%s sets seLinuxOptions.type to %v, which policy version %s does not allow%s", [s.who, pss.shown(t), pss.version, _engine_note(t)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

deny contains finding if {
	some s in pss.settings("seLinuxOptions")
	some field in ["user", "role"]
	v := _field(s.value, field)
	v != ""
	path := sprintf("%s.%s", [s.path, field])
	finding := {
		"msg": sprintf("%s sets seLinuxOptions.%s to %v: a custom SELinux %s is not allowed", [s.who, field, pss.shown(v), field]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

# _field reads one option as the API server sees it: "" when unset.
_field(opts, key) := v if {
	v := pss.sub(opts, key)
	v != null
} else := ""

_engine_note("container_engine_t") := " (it is allowed from v1.31)"

_engine_note(t) := "" if t != "container_engine_t"
