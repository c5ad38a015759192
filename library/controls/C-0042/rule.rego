package kubescape.controls.C_0042

import data.kubescape.lib.workload

ssh_ports := {22, 2222}

# A container declares an SSH port. The port number comes first: it rules out almost every port
# before the protocol is looked at or a path is built.
deny contains finding if {
	some c in workload.regular_containers
	some i, port in c.container.ports
	port.containerPort in ssh_ports
	is_object(port)
	tcp(port)
	finding := {
		"msg": sprintf("%s declares port %v, an SSH port: an SSH server may run in it", [workload.name_of(c), port.containerPort]),
		"failedPaths": [sprintf("%s.ports[%d].containerPort", [c.path, i])],
	}
}

# A Service selecting the workload exposes or targets an SSH port.
deny contains finding if {
	some svc in object.get(data.kubescape.lib.k8s.related, "services", [])
	some sp in svc.ports
	ssh_service_port(sp)
	is_object(sp)
	tcp(sp)
	finding := {
		"msg": sprintf("%s Service %q exposes port %v (target port %v) of this workload: an SSH port", [object.get(svc, "type", "ClusterIP"), svc.name, object.get(sp, "port", "?"), object.get(sp, "targetPort", object.get(sp, "port", "?"))]),
		"reviewPaths": review_paths(sp),
	}
}

ssh_service_port(sp) if sp.port in ssh_ports

ssh_service_port(sp) if sp.targetPort in ssh_ports

# A named target port that resolves to an SSH container port.
ssh_service_port(sp) if {
	is_string(sp.targetPort)
	sp.targetPort in ssh_port_names
}

# ssh_port_names are the names of the TCP ports the workload's containers declare on an SSH
# port number.
ssh_port_names contains port.name if {
	some c in workload.regular_containers
	some port in c.container.ports
	port.containerPort in ssh_ports
	is_object(port)
	tcp(port)
}

# ports are the TCP ports the workload's containers declare: {"c", "port", "path"}.
ports contains {"c": c, "port": port, "path": sprintf("%s.ports[%d]", [c.path, i])} if {
	some c in workload.regular_containers
	some i, port in c.container.ports
	is_object(port)
	tcp(port)
}

# tcp: the port's protocol is TCP (any case) or unset, which means TCP.
tcp(port) if upper(object.get(port, "protocol", "TCP")) == "TCP"

# The container port a Service port reaches: by number (targetPort, or port when unset) or by
# name.
target(sp) := object.get(sp, "targetPort", object.get(sp, "port", null))

reached(sp) := {sprintf("%s.containerPort", [p.path]) |
	some p in ports
	t := target(sp)
	is_number(t)
	p.port.containerPort == t
} | {sprintf("%s.containerPort", [p.path]) |
	some p in ports
	t := target(sp)
	is_string(t)
	p.port.name == t
}

review_paths(sp) := sort(reached(sp)) if count(reached(sp)) > 0

review_paths(sp) := [workload.pod_spec_path] if count(reached(sp)) == 0
