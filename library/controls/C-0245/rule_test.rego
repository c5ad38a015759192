package kubescape.controls.C_0245_test

import data.kubescape.controls.C_0245

svc(ports) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "LoadBalancer", "ports": ports}}

fails(ports) if count(C_0245.deny) > 0 with input as svc(ports)

test_port_80 if fails([{"port": 80}])

test_named_http_any_number if fails([{"name": "http-web", "port": 9000}])

test_app_protocol if fails([{"appProtocol": "kubernetes.io/h2c", "port": 9000}])

test_tls_to_http_target if fails([{"name": "https", "port": 443, "targetPort": "http"}])

test_tls_passthrough if not fails([{"port": 443, "targetPort": 8443}])

test_https_named_port_80 if not fails([{"name": "https", "port": 80, "targetPort": 443}])

test_udp if not fails([{"port": 80, "protocol": "UDP"}])

test_other_port if not fails([{"port": 5432}])

test_ports_wrong_type if not fails("80")

test_not_load_balancer if {
	count(C_0245.deny) == 0 with input as json.patch(svc([{"port": 80}]), [{"op": "replace", "path": "/spec/type", "value": "NodePort"}])
}
