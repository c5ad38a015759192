package kubescape.controls.C_0266_test

import data.kubescape.controls.C_0266

pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "ns"}, "spec": {"containers": [{"name": "c"}]}}

id := "/v1/ns/Pod/p"

vs(gateways) := {"kind": "VirtualService", "name": "v", "namespace": "ns", "gateways": gateways}

findings(routes) := f if {
	f := C_0266.deny with input as pod with data.kubescape.index.related as {id: {"routes": routes}}
}

test_mesh_only if count(findings([vs(["mesh"])])) == 0

test_no_gateways if count(findings([vs(null)])) == 0

test_gateways_wrong_type if count(findings([vs("public")])) == 0

test_ingress_gateway if count(findings([vs(["mesh", "public"])])) == 1

test_gateway_api_route if count(findings([{"kind": "TLSRoute", "name": "t", "namespace": "ns"}])) == 1

test_no_relation if count(C_0266.deny) == 0 with input as pod with data.kubescape.index.related as {}
