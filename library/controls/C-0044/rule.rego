package kubescape.controls.C_0044

import data.kubescape.lib.workload

# Ephemeral containers cannot declare ports, so regular_containers is enough.
deny contains finding if {
	some c in workload.regular_containers
	some i, port in c.container.ports
	hp := port.hostPort
	_non_zero(hp)
	path := sprintf("%s.ports[%d].hostPort", [c.path, i])
	finding := {
		"msg": sprintf("%s opens host port %v", [workload.name_of(c), hp]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

_non_zero(v) if {
	is_number(v)
	v != 0
}

# A quoted port is invalid, but say what it asks for rather than skip it.
_non_zero(v) if {
	is_string(v)
	not trim_space(v) in {"", "0"}
}
