package kubescape.controls.C_0067

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	missing := _missing(inst)
	count(missing) > 0
	finding := object.union(
		{"msg": sprintf("%s records no audit events: it has %s", [cp.describe(inst), _why(inst)])},
		_paths(inst, missing),
	)
}

_policy(inst) if cp.flag_set(inst, "audit-policy-file")

_backend(inst) if cp.flag_set(inst, "audit-log-path")

_backend(inst) if cp.flag_set(inst, "audit-webhook-config-file")

# The flags to set: the policy, and a log file as the simplest backend.
_missing(inst) := array.concat(
	[n | n := "audit-policy-file"; not _policy(inst)],
	[n | n := "audit-log-path"; not _backend(inst)],
)

_why(inst) := "no audit policy (--audit-policy-file) and no backend (--audit-log-path or --audit-webhook-config-file)" if {
	not _policy(inst)
	not _backend(inst)
}

_why(inst) := "an audit policy but no backend (--audit-log-path or --audit-webhook-config-file)" if {
	_policy(inst)
	not _backend(inst)
}

_why(inst) := "an audit backend but no audit policy (--audit-policy-file) saying what to record" if {
	not _policy(inst)
	_backend(inst)
}

# Flags given with an empty value are fixed in place, absent ones appended.
_paths(inst, missing) := {k: v | some k, v in paths; count(v) > 0} if {
	empty := [f | some name in missing; f := cp.flag(inst, name)]
	added := cp.add_flags_paths(inst, [[name, "YOUR_VALUE"] | some name in missing; not cp.has_flag(inst, name)])
	paths := {
		"failedPaths": array.concat(object.get(added, "failedPaths", []), [p | some f in empty; some p in cp.flag_paths(f)]),
		"fixPaths": array.concat(object.get(added, "fixPaths", []), [fix | some f in empty; some fix in object.get(cp.set_flag_paths(f, "YOUR_VALUE"), "fixPaths", [])]),
	}
}
