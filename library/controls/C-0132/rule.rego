package kubescape.controls.C_0132

import data.kubescape.lib.controlplane as cp

# The minimum the CIS Benchmark recommends.
_minimum := 10

deny contains finding if {
	some inst in cp.apiservers
	not _to_stdout(inst)
	not cp.flag_set(inst, "audit-log-maxbackup")
	finding := object.union(
		{"msg": sprintf("%s does not set --audit-log-maxbackup: at least %d rotated audit log files should be kept", [cp.describe(inst), _minimum])},
		cp.ensure_flags_paths(inst, [["audit-log-maxbackup", format_int(_minimum, 10)]]),
	)
}

# 0 (the flag given explicitly) keeps every rotated file and passes.
deny contains finding if {
	some inst in cp.apiservers
	not _to_stdout(inst)
	f := cp.flag(inst, "audit-log-maxbackup")
	n := _number(f.value)
	n != 0
	n < _minimum
	finding := object.union(
		{"msg": sprintf("%s keeps only %d rotated audit log files (--audit-log-maxbackup), fewer than %d", [cp.describe(inst), n, _minimum])},
		cp.set_flag_paths(f, format_int(_minimum, 10)),
	)
}

# --audit-log-path=- writes the audit log to standard output: nothing to rotate.
_to_stdout(inst) if trim_space(cp.flag_value(inst, "audit-log-path")) == "-"

# Decimal integers only; anything else is left alone (kube-apiserver refuses to start with it).
_number(v) := to_number(trim_prefix(s, "+")) if {
	s := trim_space(v)
	regex.match(`^[+]?[0-9]+$`, s)
}
