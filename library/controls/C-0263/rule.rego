package kubescape.controls.C_0263

import data.kubescape.lib.k8s

deny contains finding if {
	not has_tls
	not lb_certificate
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

# Annotations with which Ingress controllers of cloud load balancers terminate TLS on the load
# balancer itself.
lb_cert_annotations := {
	"alb.ingress.kubernetes.io/certificate-arn",
	"ingress.gcp.kubernetes.io/pre-shared-cert",
	"networking.gke.io/managed-certificates",
	"appgw.ingress.kubernetes.io/appgw-ssl-certificate",
}

lb_certificate if {
	some a in lb_cert_annotations
	v := k8s.annotations[a]
	is_string(v)
	trim_space(v) != ""
}
