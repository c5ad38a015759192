package kubescape.controls.C_0266

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

gateway_routes := {"HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute"}

deny contains finding if {
	some r in routes
	r.kind in gateway_routes
	finding := {
		"msg": sprintf("%s reachable from outside the cluster through Gateway API %s %q%s", [pods, r.kind, r.name, where(r)]),
		"reviewPaths": [labels_path],
	}
}

deny contains finding if {
	some r in routes
	r.kind == "VirtualService"
	gws := ingress_gateways(r)
	count(gws) > 0
	finding := {
		"msg": sprintf("%s reachable from outside the cluster through Istio VirtualService %q%s, bound to gateway %s", [pods, r.name, where(r), concat(", ", gws)]),
		"reviewPaths": [labels_path],
	}
}

routes := r if {
	r := object.get(k8s.related, "routes", [])
	is_array(r)
} else := []

# ingress_gateways lists a VirtualService's gateways other than the mesh itself (sorted).
ingress_gateways(r) := sort({g |
	gws := object.get(r, "gateways", [])
	is_array(gws)
	some g in gws
	is_string(g)
	g != "mesh"
})

# A route of another namespace (a cross-namespace backendRef or destination) says so.
where(r) := sprintf(" in namespace %q", [r.namespace]) if {
	is_string(r.namespace)
	r.namespace != k8s.namespace
} else := ""

labels_path := sprintf("%s.labels", [workload.pod_meta_path])

pods := sprintf("%s is", [k8s.describe]) if input.kind == "Pod"

pods := sprintf("the pods of %s are", [k8s.describe]) if input.kind != "Pod"
