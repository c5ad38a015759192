package kubescape.controls.C_0274

import data.kubescape.lib.k8s

deny contains finding if {
	ports := input.spec.ports
	is_array(ports)
	some i, p in ports
	is_object(p)
	p.authenticated == false
	finding := {
		"msg": sprintf("Service %q in namespace %q answers on port %v%s without authentication", [k8s.name, k8s.namespace, object.get(p, "port", "?"), protocol(p)]),
		"failedPaths": [sprintf("spec.ports[%d].authenticated", [i])],
	}
}

# protocol describes what answered: " (redis over TCP)".
protocol(p) := sprintf(" (%s over %s)", [p.applicationLayer, p.protocol]) if {
	nonempty(p.applicationLayer)
	nonempty(p.protocol)
} else := sprintf(" (%s)", [p.applicationLayer]) if {
	nonempty(p.applicationLayer)
} else := sprintf(" (%s)", [p.protocol]) if {
	nonempty(p.protocol)
} else := ""

nonempty(s) if {
	is_string(s)
	s != ""
}
