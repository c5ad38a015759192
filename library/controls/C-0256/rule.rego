package kubescape.controls.C_0256

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Exposed by a NodePort or LoadBalancer Service that selects the pods.
deny contains finding if {
	services := object.get(k8s.related, "services", [])
	is_array(services)
	some s in services
	s.type in {"NodePort", "LoadBalancer"}
	finding := {
		"msg": sprintf("%s reachable from outside the cluster through %s Service %q%s", [pods, s.type, s.name, ports(s)]),
		"reviewPaths": [labels_path],
	}
}

# Reached by an Ingress through a Service that selects the pods.
deny contains finding if {
	ingresses := object.get(k8s.related, "ingresses", [])
	is_array(ingresses)
	some ing in ingresses
	finding := {
		"msg": sprintf("%s reachable from outside the cluster through Ingress %q%s", [pods, ing.name, tls(ing)]),
		"reviewPaths": [labels_path],
	}
}

labels_path := sprintf("%s.labels", [workload.pod_meta_path])

pods := sprintf("%s is", [k8s.describe]) if input.kind == "Pod"

pods := sprintf("the pods of %s are", [k8s.describe]) if input.kind != "Pod"

ports(s) := sprintf(" (ports %s)", [concat(", ", list)]) if {
	is_array(s.ports)
	list := [port_text(p) | some p in s.ports; is_object(p)]
	count(list) > 0
} else := ""

port_text(p) := sprintf("%v->node port %v", [p.port, p.nodePort]) if {
	p.nodePort
} else := sprintf("%v", [object.get(p, "port", "?")])

tls(ing) := "" if ing.tls == true

tls(ing) := ", without TLS" if ing.tls == false

tls(ing) := "" if not is_boolean(object.get(ing, "tls", null))
