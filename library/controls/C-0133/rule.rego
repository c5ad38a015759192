package kubescape.controls.C_0133

import data.kubescape.lib.controlplane as cp

# The minimum the CIS Benchmark recommends.
_minimum := 100

deny contains finding if {
	some inst in cp.apiservers
	not _to_stdout(inst)
	not cp.flag_set(inst, "audit-log-maxsize")
	finding := object.union(
		{"msg": sprintf("%s does not set --audit-log-maxsize: the audit log should be rotated at %d MB or more", [cp.describe(inst), _minimum])},
		cp.ensure_flags_paths(inst, [["audit-log-maxsize", format_int(_minimum, 10)]]),
	)
}

# 0 (the flag given explicitly) rotates at the log library's default of 100 MB and passes.
deny contains finding if {
	some inst in cp.apiservers
	not _to_stdout(inst)
	f := cp.flag(inst, "audit-log-maxsize")
	n := _number(f.value)
	n != 0
	n < _minimum
	finding := object.union(
		{"msg": sprintf("%s rotates the audit log at %d MB (--audit-log-maxsize), below %d", [cp.describe(inst), n, _minimum])},
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
