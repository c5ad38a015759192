package kubescape.controls.C_0291

import data.kubescape.lib.controlplane as cp
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# --- A ConfigMap holding a KubeProxyConfiguration ------------------------------------------

deny contains finding if {
	input.kind == "ConfigMap"
	entries := object.get(input, "data", {})
	is_object(entries)
	some key, value in entries
	is_string(value)
	contains(value, "KubeProxyConfiguration")
	some doc in _documents(value)
	object.get(doc, "kind", "") == "KubeProxyConfiguration"
	addr := object.get(doc, "metricsBindAddress", "")
	is_string(addr)
	trim_space(addr) != ""
	not _loopback(addr)
	finding := {
		"msg": sprintf("%s: the KubeProxyConfiguration in %q sets metricsBindAddress: %q, so kube-proxy serves its metrics beyond the node's loopback interface", [k8s.describe, key, addr]),
		"failedPaths": [sprintf("data%s", [_key_path(key)])],
	}
}

# Every YAML (or JSON) document of a value that parses to an object.
_documents(value) := [doc |
	some part in regex.split(`(?m)^---[ \t]*$`, value)
	yaml.is_valid(part)
	doc := yaml.unmarshal(part)
	is_object(doc)
]

_loopback(addr) if cp.is_loopback_address(addr)

_key_path(key) := sprintf(".%s", [key]) if regex.match(`^[A-Za-z0-9_-]+$`, key)

_key_path(key) := sprintf("[%q]", [key]) if not regex.match(`^[A-Za-z0-9_-]+$`, key)

# --- A workload running kube-proxy with flags only ------------------------------------------

deny contains finding if {
	some c in workload.containers
	c.kind != "ephemeralContainers"
	_mentions_kube_proxy(c.container)
	tokens := _proxy_tokens(c)
	not _flag(tokens, "config")
	f := _flag(tokens, "metrics-bind-address")
	v := trim_space(f.value)
	v != ""
	not _loopback(v)
	finding := object.union(
		{
			"msg": sprintf("%s runs kube-proxy with --metrics-bind-address=%s and no --config: its metrics are served beyond the node's loopback interface", [workload.name_of(c), v]),
			"failedPaths": array.concat([f.path], [p | p := f.valuePath; p != f.path]),
		},
		_fix(f),
	)
}

_fix(f) := {"fixPaths": [{"path": f.path, "value": "--metrics-bind-address=127.0.0.1:10249"}]} if f.form == "inline"

_fix(f) := {"fixPaths": [{"path": f.valuePath, "value": "127.0.0.1:10249"}]} if f.form == "split"

_fix(f) := {} if f.form == "script"

# The command line (command, then args) as {"value", "path"}.
_argv(c) := array.concat(
	[{"value": v, "path": sprintf("%s.command[%d]", [c.path, i])} | some i, v in _list(c.container, "command"); is_string(v)],
	[{"value": v, "path": sprintf("%s.args[%d]", [c.path, i])} | some i, v in _list(c.container, "args"); is_string(v)],
)

_list(obj, key) := l if {
	l := object.get(obj, key, [])
	is_array(l)
}

_list(obj, key) := [] if not is_array(object.get(obj, key, []))

_basename(s) := parts[count(parts) - 1] if parts := split(s, "/")

# _proxy_tokens: the words after the kube-proxy binary, read from a shell script
# (sh -c "... kube-proxy --flag ..."), from the command line (also behind a wrapper such as
# go-runner), or from args alone when a kube-proxy image runs its entrypoint.
_proxy_tokens(c) := tokens if {
	argv := _argv(c)
	_is_shell(argv)
	script := argv[1 + min([i | some i, a in argv; i > 0; regex.match(`^-[a-z]*c[a-z]*$`, a.value)])]
	words := [w | some x in regex.split(`\s+`, trim_space(script.value)); w := trim(x, `"'`)]
	starts := [i | some i, w in words; _basename(w) == "kube-proxy"]
	count(starts) > 0
	stops := [i | some i, w in words; i > min(starts); regex.match(`^(;|&&|\|\||\||&|[0-9]*>.*|&>.*|<.*)$`, w)]
	end := min(array.concat(stops, [count(words)]))
	tokens := [{"value": w, "path": script.path, "script": true} | some i, w in words; i > min(starts); i < end]
}

_proxy_tokens(c) := tokens if {
	argv := _argv(c)
	not _is_shell(argv)
	starts := [i | some i, a in argv; _basename(a.value) == "kube-proxy"]
	count(starts) > 0
	tokens := [{"value": a.value, "path": a.path, "script": false} | some i, a in argv; i > min(starts)]
}

_proxy_tokens(c) := tokens if {
	count(_list(c.container, "command")) == 0
	image := object.get(c.container, "image", "")
	is_string(image)
	regex.match(`(^|/)kube-proxy(-(amd64|arm64|arm|ppc64le|s390x))?([:@]|$)`, image)
	argv := _argv(c)
	not _is_shell(argv)
	not _has_proxy_word(argv)
	tokens := [{"value": a.value, "path": a.path, "script": false} | some a in argv]
}

_is_shell(argv) if _basename(argv[0].value) in {"sh", "bash", "ash", "dash"}

_has_proxy_word(argv) if {
	some a in argv
	_basename(a.value) == "kube-proxy"
}

# _flag is the last occurrence of a flag among the tokens: {"value", "path", "valuePath", "form"}.
_flag(tokens, name) := occ[count(occ) - 1] if {
	occ := [f | some i, t in tokens; f := _occurrence(tokens, i, t, name)]
	count(occ) > 0
}

_occurrence(_, _, t, name) := {"value": substring(body, count(name) + 1, -1), "path": t.path, "valuePath": t.path, "form": _form(t, "inline")} if {
	body := _flag_body(t.value)
	startswith(body, concat("", [name, "="]))
}

_occurrence(tokens, i, t, name) := {"value": next.value, "path": t.path, "valuePath": next.path, "form": _form(t, "split")} if {
	_flag_body(t.value) == name
	next := tokens[i + 1]
	not startswith(next.value, "-")
}

_form(t, _) := "script" if t.script

_form(t, form) := form if not t.script

# "--metrics_bind_address=x" and "-metrics-bind-address=x" read as "metrics-bind-address=x".
_flag_body(v) := replace(parts[0], "_", "-") if {
	regex.match(`^--?[a-zA-Z]`, v)
	body := trim_left(v, "-")
	parts := split(body, "=")
	count(parts) == 1
}

_flag_body(v) := concat("=", array.concat([replace(parts[0], "_", "-")], array.slice(parts, 1, count(parts)))) if {
	regex.match(`^--?[a-zA-Z]`, v)
	body := trim_left(v, "-")
	parts := split(body, "=")
	count(parts) > 1
}

# _mentions_kube_proxy is a cheap first test: a container that runs kube-proxy names it in its
# image, command or arguments.
_mentions_kube_proxy(ctr) if contains(object.get(ctr, "image", ""), "kube-proxy")

_mentions_kube_proxy(ctr) if {
	some key in ["command", "args"]
	some x in _list(ctr, key)
	is_string(x)
	contains(x, "kube-proxy")
}
