package kubescape.controls.C_0231

import data.kubescape.lib.k8s

cert_annotation := "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"

ports_annotation := "service.beta.kubernetes.io/aws-load-balancer-ssl-ports"

deny contains finding if {
	input.spec.type == "LoadBalancer"
	not has_certificate
	plain := [i | some i, p in input.spec.ports; plain_web(p)]
	count(plain) > 0
	finding := {
		"msg": sprintf("%s is an AWS load balancer serving plain HTTP on port %s, without a TLS certificate (%s)", [k8s.describe, concat(", ", [sprintf("%v", [input.spec.ports[i].port]) | some i in plain]), cert_annotation]),
		"failedPaths": [sprintf("spec.ports[%d].port", [i]) | some i in plain],
		"fixPaths": [
			{"path": sprintf("metadata.annotations[%q]", [cert_annotation]), "value": "YOUR_VALUE"},
			{"path": sprintf("metadata.annotations[%q]", [ports_annotation]), "value": ssl_ports},
		],
	}
}

has_certificate if {
	v := k8s.annotations[cert_annotation]
	is_string(v)
	trim_space(v) != ""
}

# The ports to serve with TLS: 443 when the Service has it, else the user's choice.
ssl_ports := "443" if {
	some p in input.spec.ports
	p.port == 443
} else := "YOUR_VALUE"

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

# A TLS port forwarded to an HTTP target port: the load balancer does not terminate TLS (no
# certificate) and the pods do not either.
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
