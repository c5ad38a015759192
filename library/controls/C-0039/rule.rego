package kubescape.controls.C_0039

import data.kubescape.lib.k8s

deny contains finding if {
	some i, w in _webhooks
	is_object(w)
	finding := {
		"msg": sprintf("MutatingWebhookConfiguration %q: webhook %q %s and calls %s (failurePolicy %s); review that it is expected", [
			k8s.name, _str(object.get(w, "name", "")), _intercepts(w), _target(w), _str(object.get(w, "failurePolicy", _default_failure_policy)),
		]),
		"reviewPaths": [sprintf("webhooks[%d]", [i]), sprintf("webhooks[%d].clientConfig", [i])],
	}
}

# admissionregistration.k8s.io/v1beta1 defaulted failurePolicy to Ignore, v1 to Fail.
_default_failure_policy := "Ignore" if k8s.version == "v1beta1"

_default_failure_policy := "Fail" if k8s.version != "v1beta1"

_webhooks := ws if {
	ws := object.get(input, "webhooks", [])
	is_array(ws)
}

_str(v) := v if is_string(v)

_str(v) := sprintf("%v", [v]) if not is_string(v)

# _target names the endpoint: the in-cluster service (port 443 and path / by default) or URL.
_target(w) := sprintf("service %s/%s (port %v, path %s)", [
	_str(object.get(svc, "namespace", "")), _str(object.get(svc, "name", "")),
	object.get(svc, "port", 443), _str(object.get(svc, "path", "/")),
]) if {
	svc := _service(w)
}

_target(w) := sprintf("URL %s", [u]) if {
	not _service(w)
	u := _url(w)
}

_target(w) := "no endpoint" if {
	not _service(w)
	not _url(w)
}

_service(w) := svc if {
	svc := w.clientConfig.service
	is_object(svc)
}

_url(w) := u if {
	u := w.clientConfig.url
	is_string(u)
}

# _intercepts summarises the operations and resources of the webhook's rules.
_intercepts(w) := sprintf("intercepts %s on %s", [_join(ops, "every operation"), _join(res, "every resource")]) if {
	rules := [r | some r in _array(object.get(w, "rules", [])); is_object(r)]
	count(rules) > 0
	ops := {_str(o) | some r in rules; some o in _array(object.get(r, "operations", []))}
	res := {_str(x) | some r in rules; some x in _array(object.get(r, "resources", []))}
}

_intercepts(w) := "has no rules" if {
	count([r | some r in _array(object.get(w, "rules", [])); is_object(r)]) == 0
}

_array(x) := x if is_array(x)

_array(x) := [] if not is_array(x)

_join(s, word) := word if "*" in s

_join(s, _) := "nothing" if count(s) == 0

_join(s, _) := concat(", ", sort(s)) if {
	not "*" in s
	count(s) > 0
}
