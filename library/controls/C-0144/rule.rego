package kubescape.controls.C_0144

import data.kubescape.lib.controlplane as cp

# Not set, or set to an empty value: the default of 12500 applies.
deny contains finding if {
	some inst in cp.controller_managers
	not cp.flag_set(inst, "terminated-pod-gc-threshold")
	finding := object.union(
		{"msg": sprintf("%s %s: up to 12500 terminated Pods are kept before any is deleted", [cp.describe(inst), _unset(inst)])},
		cp.ensure_flags_paths(inst, [["terminated-pod-gc-threshold", "YOUR_VALUE"]]),
	)
}

# Zero or negative: the terminated-Pod garbage collector is off.
deny contains finding if {
	some inst in cp.controller_managers
	f := cp.flag(inst, "terminated-pod-gc-threshold")
	v := trim_space(f.value)
	regex.match(`^-?[0-9]+$`, v)
	to_number(v) <= 0
	finding := object.union(
		{"msg": sprintf("%s sets --terminated-pod-gc-threshold=%s, which turns the garbage collection of terminated Pods off", [cp.describe(inst), v])},
		cp.set_flag_paths(f, "YOUR_VALUE"),
	)
}

_unset(inst) := "does not set --terminated-pod-gc-threshold" if not cp.has_flag(inst, "terminated-pod-gc-threshold")

_unset(inst) := "sets --terminated-pod-gc-threshold to an empty value" if cp.has_flag(inst, "terminated-pod-gc-threshold")
