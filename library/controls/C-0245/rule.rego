package kubescape.controls.C_0245

import data.kubescape.lib.k8s

# LoadBalancer Services: the Azure load balancer passes plain HTTP through.
deny contains finding if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	plain := [i | some i, p in input.spec.ports; plain_web(p)]
	count(plain) > 0
	finding := {
		"msg": sprintf("%s exposes plain HTTP on port %s through the Azure load balancer, which cannot terminate TLS", [k8s.describe, concat(", ", [sprintf("%v", [input.spec.ports[i].port]) | some i in plain])]),
		"failedPaths": [sprintf("spec.ports[%d].port", [i]) | some i in plain],
	}
}

# Ingresses without TLS.
deny contains finding if {
	input.kind == "Ingress"
	not has_tls
	not appgw_certificate
	finding := {
		"msg": sprintf("%s has no spec.tls: its hosts are served over plain HTTP", [k8s.describe]),
		"fixPaths": [{"path": "spec.tls", "value": "YOUR_VALUE"}],
	}
}

has_tls if {
	tls := object.get(input, ["spec", "tls"], [])
	is_array(tls)
	count(tls) > 0
}

appgw_certificate if {
	v := k8s.annotations["appgw.ingress.kubernetes.io/appgw-ssl-certificate"]
	is_string(v)
	trim_space(v) != ""
}

# plain_web: a TCP port that serves HTTP without TLS. Names and appProtocol say what a port
# carries; without them, the well-known port numbers do.
plain_web(p) if {
	is_object(p)
	tcp(p)
	not tls_hint(p)
	plain_hint(p)
}

plain_web(p) if {
	is_object(p)
	tcp(p)
	not tls_hint(p)
	not plain_hint(p)
	p.port in {80, 8080}
}

# A TLS port forwarded to an HTTP target port: nothing terminates TLS.
plain_web(p) if {
	is_object(p)
	tcp(p)
	tls_port(p)
	http_target(p)
}

tcp(p) if upper(object.get(p, "protocol", "TCP")) == "TCP"

tls_port(p) if tls_hint(p)

tls_port(p) if {
	not plain_hint(p)
	p.port in {443, 8443}
}

tls_hint(p) if lower(object.get(p, "appProtocol", "")) in {"https", "tls", "grpcs", "kubernetes.io/wss"}

tls_hint(p) if tls_name(object.get(p, "name", ""))

plain_hint(p) if lower(object.get(p, "appProtocol", "")) in {"http", "h2c", "kubernetes.io/h2c", "grpc", "kubernetes.io/ws"}

plain_hint(p) if plain_name(object.get(p, "name", ""))

tls_name(n) if {
	is_string(n)
	some prefix in ["https", "tls", "grpcs"]
	name_is(lower(n), prefix)
}

plain_name(n) if {
	is_string(n)
	some prefix in ["http", "http2", "h2c", "grpc", "web"]
	name_is(lower(n), prefix)
}

# name_is: the name is the word, or starts with it and a dash (Istio style: http-web).
name_is(n, word) if n == word

name_is(n, word) if startswith(n, concat("", [word, "-"]))

http_target(p) if p.targetPort in {80, 8080}

http_target(p) if plain_name(p.targetPort)
