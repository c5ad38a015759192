# Package controlplane recognises the Kubernetes control-plane components (kube-apiserver,
# kube-controller-manager, kube-scheduler, etcd) running in a workload, as kubeadm and most
# installers do with static pods in kube-system, and reads their command-line flags with the exact
# path of the list element each flag sits in, so findings point at the right line.
#
# A container runs a component when:
#   - its command line (command, then args) starts with the component's binary
#     (/usr/local/bin/kube-apiserver), possibly behind a wrapper (hyperkube, go-runner, tini,
#     dumb-init, catatonit; hyperkube also knows "apiserver", "controller-manager", "scheduler");
#   - or it is a shell (sh -c "... kube-apiserver --flag ...") whose script starts the binary:
#     the flags are read from the script, and every path is the script's list element;
#   - or, for a container whose command names no program we know (the image's entrypoint, a
#     custom wrapper script): the pod's `component` label (set by kubeadm) names the component
#     and the container is the pod's only container or is named after it or runs its image; or,
#     without the label, the container runs a kube-apiserver, kube-controller-manager or
#     kube-scheduler image and sets no command.
# Only long-running containers are read (containers, and init containers with restartPolicy:
# Always); ephemeral debug containers and one-shot init containers are not components.
#
# Flags are parsed as the components do (spf13/pflag, and Go's flag package for etcd):
# "--name=value", "--name value", "-name=value", bare boolean "--name" (value "true"),
# "_" read as "-" in names, nothing after a lone "--". The occurrence that takes effect is the
# last one; list flags (--enable-admission-plugins ...) add up over occurrences. etcd also reads
# ETCD_<NAME> environment variables, which count as flags that the command line overrides.
package kubescape.lib.controlplane

import data.kubescape.lib.image
import data.kubescape.lib.workload

components := {"kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"}

# Component names hyperkube accepted as subcommands besides the full ones.
_hyperkube_aliases := {
	"apiserver": "kube-apiserver",
	"controller-manager": "kube-controller-manager",
	"scheduler": "kube-scheduler",
}

# Programs that start the real binary given after their own flags.
_wrappers := {"hyperkube", "go-runner", "tini", "tini-static", "dumb-init", "catatonit"}

_shells := {"sh", "bash", "ash", "dash", "zsh"}

# Components recognised from their image alone (etcd images also run application etcds).
_image_components := {"kube-apiserver", "kube-controller-manager", "kube-scheduler"}

# --- Instances -----------------------------------------------------------------------------

# instances holds one object per container that runs a control-plane component:
#   component   "kube-apiserver", "kube-controller-manager", "kube-scheduler" or "etcd"
#   container   the workload container ({"container", "path", "kind", "index"}, as
#               data.kubescape.lib.workload.containers has it: inst.container.container.image)
#   name        the container's name
#   flags       the parsed flags, in order (see _flag below for their fields)
#   shell       true when the flags come from a shell script (command: [sh, -c, "..."])
#   scriptPath  the script's list element (shell only, "" otherwise)
#   addPath     where a missing flag can be appended: <container>.args[n] when the container has
#               args, <container>.command[n] otherwise ("" for a shell script)
instances contains inst if {
	some c in _long_running
	_candidate(c)
	argv := _argv(c.container, c.path)
	d := _detect(c, argv)
	inst := _instance(c, d)
}

# instances_of returns the instances of one component.
instances_of(component) := {inst | some inst in instances; inst.component == component}

apiservers := instances_of("kube-apiserver")

controller_managers := instances_of("kube-controller-manager")

schedulers := instances_of("kube-scheduler")

etcds := instances_of("etcd")

# describe names an instance in messages: kube-apiserver (container "kube-apiserver").
describe(inst) := sprintf("%s (container %q)", [inst.component, inst.name])

# version returns the Kubernetes version a kube-* instance runs, from its image tag
# (registry.k8s.io/kube-apiserver:v1.29.4 -> [1, 29, 4]); undefined when the tag holds none.
version(inst) := v if {
	inst.component != "etcd"
	img := inst.container.container.image
	is_string(img)
	v := image.version(image.parse(img).tag)
}

_long_running contains c if {
	some c in workload.containers
	c.kind == "containers"
}

_long_running contains c if {
	some c in workload.containers
	c.kind == "initContainers"
	object.get(c.container, "restartPolicy", "") == "Always"
}

_instance(c, d) := {
	"component": d.component,
	"container": c,
	"name": object.get(c.container, "name", ""),
	"flags": array.concat(_env_flags(c, d.component), _parse(d.tokens)),
	"shell": d.shell,
	"scriptPath": d.scriptPath,
	"addPath": _add_path(c, d.shell),
}

# _argv is the container's command line: command, then args, as {"value", "path"}.
_argv(container, path) := array.concat(
	[{"value": _str(v), "path": sprintf("%s.command[%d]", [path, i]), "script": false} | some i, v in _list(container, "command")],
	[{"value": _str(v), "path": sprintf("%s.args[%d]", [path, i]), "script": false} | some i, v in _list(container, "args")],
)

_list(obj, key) := l if {
	l := object.get(obj, key, [])
	is_array(l)
}

_list(obj, key) := [] if not is_array(object.get(obj, key, []))

_str(v) := v if is_string(v)

_str(v) := sprintf("%v", [v]) if not is_string(v)

_basename(s) := parts[count(parts) - 1] if parts := split(s, "/")

_starts_flag(s) if startswith(s, "-")

# --- Detection -----------------------------------------------------------------------------
# _detect returns {"component", "tokens", "shell", "scriptPath"}; its three cases exclude each
# other (shell, named program, label or image), so a container is at most one instance.

_detect(_, argv) := {"component": s.component, "tokens": s.tokens, "shell": true, "scriptPath": s.path} if {
	_is_shell(argv)
	s := _script(argv)
}

_detect(_, argv) := {"component": p.component, "tokens": array.slice(argv, p.index + 1, count(argv)), "shell": false, "scriptPath": ""} if {
	not _is_shell(argv)
	p := _program(argv)
}

_detect(c, argv) := {"component": comp, "tokens": array.slice(argv, _fallback_start(c), count(argv)), "shell": false, "scriptPath": ""} if {
	not _is_shell(argv)
	not _program(argv)
	comp := _fallback_component(c)
}

_is_shell(argv) if _basename(argv[0].value) in _shells

# _program finds the component binary: argv[0], or the first word after a wrapper and its flags.
_program(argv) := {"component": comp, "index": 0} if {
	comp := _basename(argv[0].value)
	comp in components
}

_program(argv) := {"component": comp, "index": i} if {
	_basename(argv[0].value) in _wrappers
	words := [j | some j, a in argv; j > 0; not _starts_flag(a.value); not _basename(a.value) in _wrappers]
	count(words) > 0
	i := min(words)
	comp := _component_word(argv, i)
}

_component_word(argv, i) := name if {
	name := _basename(argv[i].value)
	name in components
}

_component_word(argv, i) := _hyperkube_aliases[name] if {
	name := _basename(argv[i].value)
	_basename(argv[i - 1].value) == "hyperkube"
}

# _script reads "sh -c '<script>'": the words after the component binary, up to the first shell
# operator or redirection, each located at the script's list element.
_script(argv) := {"component": comp, "tokens": tokens, "path": script.path} if {
	opts := [j | some j, a in argv; j > 0; regex.match(`^-[a-zA-Z]*c[a-zA-Z]*$`, a.value)]
	count(opts) > 0
	script := argv[min(opts) + 1]
	words := [trim(w, `"'`) | some w in regex.split(`\s+`, trim_space(script.value))]
	starts := [j | some j, w in words; not _starts_flag(w); _basename(w) in components]
	count(starts) > 0
	t := min(starts)
	comp := _basename(words[t])
	stops := [j | some j, w in words; j > t; regex.match(`^(;|&&|\|\||\||&|[0-9]*>.*|&>.*|<.*)$`, w)]
	end := _first_or(stops, count(words))
	tokens := [{"value": w, "path": script.path, "script": true} | some j, w in words; j > t; j < end]
}

_first_or(l, d) := min(l) if count(l) > 0

_first_or(l, d) := d if count(l) == 0

# Without a known program: the kubeadm `component` label, or a kube-* image with no command.
_fallback_component(c) := comp if {
	comp := object.get(workload.pod_meta, ["labels", "component"], "")
	comp in components
	c.kind == "containers"
	_label_target(c, comp)
}

_fallback_component(c) := comp if {
	comp := _image_name(c.container)
	comp in _image_components
	c.kind == "containers"
	not object.get(workload.pod_meta, ["labels", "component"], "") in components
	count(_list(c.container, "command")) == 0
}

_label_target(c, comp) if object.get(c.container, "name", "") == comp

_label_target(c, comp) if _image_name(c.container) == comp

_label_target(c, _) if count(object.get(workload.pod_spec, "containers", [])) == 1

# _image_name is the last part of the image repository, without an architecture suffix:
# registry.k8s.io/kube-apiserver-amd64:v1.20.0 -> kube-apiserver.
_image_name(container) := name if {
	img := object.get(container, "image", "")
	is_string(img)
	img != ""
	repo := image.parse(img).repository
	name := regex.replace(_basename(repo), `-(amd64|arm64|arm|ppc64le|s390x)$`, "")
}

# The flags of a container whose program we do not know start after its command's first word,
# or at args[0] when the image's entrypoint runs.
_fallback_start(c) := 0 if count(_list(c.container, "command")) == 0

_fallback_start(c) := 1 if count(_list(c.container, "command")) > 0

_add_path(_, true) := ""

_add_path(c, false) := sprintf("%s.args[%d]", [c.path, count(args)]) if {
	args := _list(c.container, "args")
	count(args) > 0
}

_add_path(c, false) := sprintf("%s.command[%d]", [c.path, count(cmd)]) if {
	count(_list(c.container, "args")) == 0
	cmd := _list(c.container, "command")
	count(cmd) > 0
}

# Without command nor args the image's entrypoint runs: flags go in args.
_add_path(c, false) := sprintf("%s.args[0]", [c.path]) if {
	count(_list(c.container, "args")) == 0
	count(_list(c.container, "command")) == 0
}

# --- Flag parsing ----------------------------------------------------------------------------
# A flag is {"name", "value", "form", "path", "valuePath", "list", "index"}:
#   form       "inline" (--name=value), "split" (--name value), "bare" (--name, value "true"),
#              "env" (etcd ETCD_NAME variable) or "script" (inside a shell script)
#   path       the list element holding the flag's name
#   valuePath  the list element holding its value (the next one for "split")
#   list/index the list ("command", "args", "env") and index of path, e.g. "command", 5

_parse(tokens) := [f |
	some i, t in tokens
	i < end
	_is_flag(t.value)
	f := _flag(tokens, i, t)
] if {
	ends := [i | some i, t in tokens; t.value == "--"]
	end := _first_or(ends, count(tokens))
}

_is_flag(v) if {
	startswith(v, "-")
	not v in {"-", "--"}
	not regex.match(`^-[0-9.]`, v)
}

_flag(tokens, i, t) := f if {
	body := _strip_dashes(t.value)
	contains(body, "=")
	parts := split(body, "=")
	f := _mk(_norm(parts[0]), concat("=", array.slice(parts, 1, count(parts))), _form(t, "inline"), t, t)
}

_flag(tokens, i, t) := f if {
	body := _strip_dashes(t.value)
	not contains(body, "=")
	next := tokens[i + 1]
	not _is_flag(next.value)
	next.value != "--"
	f := _mk(_norm(body), next.value, _form(t, "split"), t, next)
}

_flag(tokens, i, t) := f if {
	body := _strip_dashes(t.value)
	not contains(body, "=")
	not _has_value_after(tokens, i)
	f := _mk(_norm(body), "true", _form(t, "bare"), t, t)
}

_has_value_after(tokens, i) if {
	next := tokens[i + 1]
	not _is_flag(next.value)
	next.value != "--"
}

_form(t, _) := "script" if t.script == true

_form(t, form) := form if t.script == false

_strip_dashes(v) := substring(v, 2, -1) if startswith(v, "--")

_strip_dashes(v) := substring(v, 1, -1) if {
	startswith(v, "-")
	not startswith(v, "--")
}

_norm(name) := replace(name, "_", "-")

_mk(name, value, form, t, vt) := {
	"name": name,
	"value": value,
	"form": form,
	"path": t.path,
	"valuePath": vt.path,
	"list": _list_of(t.path),
	"index": _index_of(t.path),
}

_list_of(path) := m[1] if m := regex.find_all_string_submatch_n(`\.([a-zA-Z]+)\[([0-9]+)\]$`, path, 1)[0]

_index_of(path) := to_number(m[2]) if m := regex.find_all_string_submatch_n(`\.([a-zA-Z]+)\[([0-9]+)\]$`, path, 1)[0]

# etcd reads every flag from ETCD_<FLAG> too (ETCD_CLIENT_CERT_AUTH=true is
# --client-cert-auth=true); the command line wins, so these come first.
_env_flags(c, "etcd") := [f |
	some i, e in _list(c.container, "env")
	name := object.get(e, "name", "")
	is_string(name)
	startswith(name, "ETCD_")
	value := e.value
	is_string(value)
	p := sprintf("%s.env[%d].value", [c.path, i])
	f := {
		"name": replace(lower(substring(name, 5, -1)), "_", "-"),
		"value": value,
		"form": "env",
		"path": p,
		"valuePath": p,
		"list": "env",
		"index": i,
	}
]

_env_flags(_, comp) := [] if comp != "etcd"

# --- Reading flags ---------------------------------------------------------------------------

# occurrences lists every occurrence of a flag (name without dashes), in order.
occurrences(inst, name) := [f | some f in inst.flags; f.name == name]

# flag is the occurrence that takes effect (the last); undefined when the flag is absent.
flag(inst, name) := occ[count(occ) - 1] if {
	occ := occurrences(inst, name)
	count(occ) > 0
}

has_flag(inst, name) if flag(inst, name)

# flag_value is the value that takes effect ("true" for a bare flag); undefined when absent.
flag_value(inst, name) := flag(inst, name).value

# flag_value_or is flag_value with a default for an absent flag.
flag_value_or(inst, name, default_value) := v if v := flag_value(inst, name)

flag_value_or(inst, name, default_value) := default_value if not has_flag(inst, name)

# flag_set is true when the flag is given with a non-empty value.
flag_set(inst, name) if trim_space(flag_value(inst, name)) != ""

# flag_list is a comma-separated list flag over all its occurrences, items trimmed, empty ones
# dropped (--enable-admission-plugins=A,B --enable-admission-plugins=C -> [A, B, C]).
flag_list(inst, name) := [item |
	some f in occurrences(inst, name)
	some x in split(f.value, ",")
	item := trim_space(x)
	item != ""
]

# flag_map reads a key=value list flag (--feature-gates=A=true,B=false) as an object; a later
# key wins.
flag_map(inst, name) := {k: v |
	some i, p in pairs
	k := p[0]
	not _later_key(pairs, i, k)
	v := p[1]
} if {
	pairs := [[trim_space(kv[0]), trim_space(concat("=", array.slice(kv, 1, count(kv))))] |
		some item in flag_list(inst, name)
		kv := split(item, "=")
	]
}

_later_key(pairs, i, k) if {
	some j, p in pairs
	j > i
	p[0] == k
}

# flag_bool reads a boolean flag as the components do (1, t, true, 0, f, false in any case);
# default_value when absent; undefined for a value that is no boolean.
flag_bool(inst, name, default_value) := default_value if not has_flag(inst, name)

flag_bool(inst, name, _) if lower(trim_space(flag_value(inst, name))) in {"1", "t", "true"}

flag_bool(inst, name, _) := false if lower(trim_space(flag_value(inst, name))) in {"0", "f", "false"}

# feature_gate is a --feature-gates entry as a boolean; undefined when not set there.
feature_gate(inst, gate) if lower(flag_map(inst, "feature-gates")[gate]) == "true"

feature_gate(inst, gate) := false if lower(flag_map(inst, "feature-gates")[gate]) == "false"

# --- Admission plugins (kube-apiserver) -------------------------------------------------------

# default_admission_plugins are the plugins kube-apiserver enables when not told otherwise
# (Kubernetes 1.32 and later; version-gated below). NodeRestriction, AlwaysPullImages,
# EventRateLimit, PodSecurityPolicy (removed in 1.25) and the others are off by default.
default_admission_plugins := {
	"NamespaceLifecycle", "LimitRanger", "ServiceAccount", "TaintNodesByCondition",
	"PodSecurity", "Priority", "DefaultTolerationSeconds", "DefaultStorageClass",
	"StorageObjectInUseProtection", "PersistentVolumeClaimResize", "RuntimeClass",
	"CertificateApproval", "CertificateSigning", "ClusterTrustBundleAttest",
	"CertificateSubjectRestriction", "DefaultIngressClass", "MutatingAdmissionPolicy",
	"MutatingAdmissionWebhook", "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook",
	"ResourceQuota",
}

# Default plugins that older releases did not have on by default: plugin -> first version.
_default_since := {
	"PodSecurity": [1, 23, 0],
	"ValidatingAdmissionPolicy": [1, 26, 0],
	"ClusterTrustBundleAttest": [1, 27, 0],
	"MutatingAdmissionPolicy": [1, 32, 0],
}

# default_admission_plugins_of takes the instance's version (image tag) into account when known.
default_admission_plugins_of(inst) := {p |
	some p in default_admission_plugins
	not _newer_default(inst, p)
}

_newer_default(inst, p) if image.older(version(inst), _default_since[p])

# admission_plugins is the set of admission plugins the API server runs: the legacy
# --admission-control list when given (it replaces the defaults), otherwise the defaults plus
# --enable-admission-plugins minus --disable-admission-plugins (a plugin in both lists, which the
# API server refuses, counts as disabled).
admission_plugins(inst) := {p | some p in flag_list(inst, "admission-control")} if {
	has_flag(inst, "admission-control")
}

admission_plugins(inst) := (default_admission_plugins_of(inst) | enabled) - disabled if {
	not has_flag(inst, "admission-control")
	enabled := {p | some p in flag_list(inst, "enable-admission-plugins")}
	disabled := {p | some p in flag_list(inst, "disable-admission-plugins")}
}

admission_plugin_enabled(inst, plugin) if plugin in admission_plugins(inst)

# admission_plugin_disabled_by lists the --disable-admission-plugins occurrences naming plugin
# (or the --admission-control list leaving it out): the flags to point at when it is off.
admission_plugin_disabled_by(inst, plugin) := [f |
	some f in occurrences(inst, "disable-admission-plugins")
	plugin in {trim_space(x) | some x in split(f.value, ",")}
] if not has_flag(inst, "admission-control")

admission_plugin_disabled_by(inst, plugin) := occurrences(inst, "admission-control") if {
	has_flag(inst, "admission-control")
	not admission_plugin_enabled(inst, plugin)
}

# --- Finding paths ------------------------------------------------------------------------------
# Each returns an object to merge into a finding with object.union.

# flag_paths lists the list elements of one flag occurrence (name, and value when separate).
flag_paths(f) := [f.path] if f.path == f.valuePath

flag_paths(f) := [f.path, f.valuePath] if f.path != f.valuePath

# add_flags_paths: flags to add, as [[name, value], ...] ("YOUR_VALUE" when the user must
# choose): fix paths appending them to the container's flag list. In a shell script, where no
# fix can be expressed, the script is the failed path.
add_flags_paths(inst, pairs) := {"fixPaths": [fix |
	some i, p in pairs
	fix := {"path": _shift(inst.addPath, i), "value": sprintf("--%s=%s", [p[0], p[1]])}
]} if not inst.shell

add_flags_paths(inst, _) := {"failedPaths": [inst.scriptPath]} if inst.shell

add_flag_paths(inst, name, value) := add_flags_paths(inst, [[name, value]])

_shift(path, 0) := path

_shift(path, n) := sprintf("%s[%d]", [m[1], to_number(m[2]) + n]) if {
	n > 0
	m := regex.find_all_string_submatch_n(`^(.*)\[([0-9]+)\]$`, path, 1)[0]
}

# set_flag_paths: an occurrence f with a wrong value, and the fix giving it value.
set_flag_paths(f, value) := {"failedPaths": flag_paths(f), "fixPaths": [{"path": f.path, "value": sprintf("--%s=%s", [f.name, value])}]} if {
	f.form in {"inline", "bare"}
}

set_flag_paths(f, value) := {"failedPaths": flag_paths(f), "fixPaths": [{"path": f.valuePath, "value": value}]} if {
	f.form in {"split", "env"}
}

set_flag_paths(f, _) := {"failedPaths": [f.path]} if f.form == "script"

# remove_flag_paths: every occurrence of a flag that must go, as delete paths (failed paths in a
# shell script).
remove_flag_paths(inst, name) := {"failedPaths": paths, "deletePaths": deletes} if {
	not inst.shell
	occ := occurrences(inst, name)
	count(occ) > 0
	paths := [p | some f in occ; some p in flag_paths(f)]
	deletes := [p | some f in occ; some p in _delete_paths(f)]
}

remove_flag_paths(inst, name) := {"failedPaths": [inst.scriptPath]} if {
	inst.shell
	has_flag(inst, name)
}

_delete_paths(f) := [trim_suffix(f.path, ".value")] if f.form == "env"

_delete_paths(f) := flag_paths(f) if f.form != "env"

# --- Helpers for kube-apiserver controls -------------------------------------------------------

# merge_paths joins path objects (as the *_paths helpers return them) into one: the lists of each
# key concatenated in order, repeated entries and empty lists dropped.
merge_paths(parts) := {k: v |
	some k in ["failedPaths", "fixPaths", "deletePaths", "reviewPaths"]
	v := _dedup([p | some part in parts; some p in object.get(part, k, [])])
	count(v) > 0
}

_dedup(l) := [x | some i, x in l; not _seen_before(l, i, x)]

_seen_before(l, i, x) if {
	some j, y in l
	j < i
	y == x
}

# ensure_flags_paths: flags that must take the given values, as [[name, value], ...]: a present
# flag's occurrence in effect is set in place, absent flags are appended.
ensure_flags_paths(inst, pairs) := merge_paths(array.concat(
	[paths | some p in pairs; f := flag(inst, p[0]); paths := set_flag_paths(f, p[1])],
	[paths |
		absent := [p | some p in pairs; not has_flag(inst, p[0])]
		count(absent) > 0
		paths := add_flags_paths(inst, absent)
	],
))

# list_items splits a comma-separated flag value, items trimmed, empty ones dropped.
list_items(value) := [item | some x in split(value, ","); item := trim_space(x); item != ""]

# drop_item_paths: one occurrence f of a list flag with item taken out; the flag is deleted when
# nothing is left.
drop_item_paths(f, item) := set_flag_paths(f, concat(",", rest)) if {
	rest := [x | some x in list_items(f.value); x != item]
	count(rest) > 0
}

drop_item_paths(f, item) := {"failedPaths": flag_paths(f), "deletePaths": _delete_paths(f)} if {
	count([x | some x in list_items(f.value); x != item]) == 0
	f.form != "script"
}

drop_item_paths(f, item) := {"failedPaths": [f.path]} if {
	count([x | some x in list_items(f.value); x != item]) == 0
	f.form == "script"
}

# append_item_paths: the occurrence in effect of a list flag with item added, or the flag
# appended with item when absent.
append_item_paths(inst, name, item) := set_flag_paths(f, concat(",", array.concat(list_items(f.value), [item]))) if {
	f := flag(inst, name)
}

append_item_paths(inst, name, item) := add_flag_paths(inst, name, item) if not has_flag(inst, name)

# enable_admission_plugin_paths: the changes that turn an admission plugin on: added to the
# legacy --admission-control list; otherwise taken out of --disable-admission-plugins and, when
# it is not on by default, added to --enable-admission-plugins.
enable_admission_plugin_paths(inst, plugin) := append_item_paths(inst, "admission-control", plugin) if {
	has_flag(inst, "admission-control")
}

enable_admission_plugin_paths(inst, plugin) := merge_paths(array.concat(
	[drop_item_paths(f, plugin) | some f in admission_plugin_disabled_by(inst, plugin)],
	[paths | not _on_unless_disabled(inst, plugin); paths := append_item_paths(inst, "enable-admission-plugins", plugin)],
)) if not has_flag(inst, "admission-control")

_on_unless_disabled(inst, plugin) if plugin in default_admission_plugins_of(inst)

_on_unless_disabled(inst, plugin) if plugin in flag_list(inst, "enable-admission-plugins")

# disable_admission_plugin_paths: the changes that turn an admission plugin off: taken out of
# every --enable-admission-plugins (or --admission-control) occurrence naming it and, when it is
# on by default, added to --disable-admission-plugins.
disable_admission_plugin_paths(inst, plugin) := merge_paths([drop_item_paths(f, plugin) |
	some f in occurrences(inst, "admission-control")
	plugin in list_items(f.value)
]) if has_flag(inst, "admission-control")

disable_admission_plugin_paths(inst, plugin) := merge_paths(array.concat(
	[drop_item_paths(f, plugin) | some f in occurrences(inst, "enable-admission-plugins"); plugin in list_items(f.value)],
	[paths | plugin in default_admission_plugins_of(inst); paths := append_item_paths(inst, "disable-admission-plugins", plugin)],
)) if not has_flag(inst, "admission-control")

# --- Authorization (kube-apiserver) ----------------------------------------------------------------

# authorization_modes lists the authorizers kube-apiserver chains, in order, from
# --authorization-mode (AlwaysAllow when absent or empty, the server's default); undefined when
# --authorization-config configures them in a file this check cannot read.
authorization_modes(inst) := modes if {
	not flag_set(inst, "authorization-config")
	modes := flag_list(inst, "authorization-mode")
	count(modes) > 0
}

authorization_modes(inst) := ["AlwaysAllow"] if {
	not flag_set(inst, "authorization-config")
	count(flag_list(inst, "authorization-mode")) == 0
}

# add_authorization_mode_paths: mode added to --authorization-mode (Node first, others last), or
# --authorization-mode=Node,RBAC appended when the flag is absent.
add_authorization_mode_paths(inst, mode) := set_flag_paths(f, concat(",", _with_mode(list_items(f.value), mode))) if {
	f := flag(inst, "authorization-mode")
}

add_authorization_mode_paths(inst, _) := add_flag_paths(inst, "authorization-mode", "Node,RBAC") if {
	not has_flag(inst, "authorization-mode")
}

_with_mode(items, _) := ["Node", "RBAC"] if count(items) == 0

_with_mode(items, "Node") := array.concat(["Node"], items) if count(items) > 0

_with_mode(items, mode) := array.concat(items, [mode]) if {
	count(items) > 0
	mode != "Node"
}

# authorization_mode_text describes --authorization-mode for messages.
authorization_mode_text(inst) := sprintf("--authorization-mode=%s", [concat(",", modes)]) if {
	modes := flag_list(inst, "authorization-mode")
	count(modes) > 0
}

authorization_mode_text(inst) := "no --authorization-mode, so the default AlwaysAllow applies" if {
	count(flag_list(inst, "authorization-mode")) == 0
}

# admission_plugin_off_text says, for messages, why an admission plugin is off.
admission_plugin_off_text(inst, _) := "the legacy --admission-control list leaves it out" if {
	has_flag(inst, "admission-control")
}

admission_plugin_off_text(inst, plugin) := "--disable-admission-plugins turns it off" if {
	not has_flag(inst, "admission-control")
	count(admission_plugin_disabled_by(inst, plugin)) > 0
}

admission_plugin_off_text(inst, plugin) := "it is not on by default and --enable-admission-plugins does not list it" if {
	not has_flag(inst, "admission-control")
	count(admission_plugin_disabled_by(inst, plugin)) == 0
	has_flag(inst, "enable-admission-plugins")
}

admission_plugin_off_text(inst, plugin) := "it is not on by default and there is no --enable-admission-plugins" if {
	not has_flag(inst, "admission-control")
	count(admission_plugin_disabled_by(inst, plugin)) == 0
	not has_flag(inst, "enable-admission-plugins")
}

# unset_flags lists the names of flags that are absent or given an empty value.
unset_flags(inst, names) := [name | some name in names; not flag_set(inst, name)]

# unset_flags_text says, for messages, which of these flags are absent or empty.
unset_flags_text(inst, names) := concat(" and ", [_unset_text(inst, name) | some name in names])

_unset_text(inst, name) := sprintf("--%s is empty", [name]) if has_flag(inst, name)

_unset_text(inst, name) := sprintf("--%s is not set", [name]) if not has_flag(inst, name)

# --- Helpers for controller-manager, scheduler and etcd controls --------------------------------

# feature_gate_flag is the --feature-gates occurrence whose entry for gate takes effect (the last
# one naming it); undefined when no occurrence names the gate.
feature_gate_flag(inst, gate) := occ[count(occ) - 1] if {
	occ := [f | some f in occurrences(inst, "feature-gates"); _names_gate(f.value, gate)]
	count(occ) > 0
}

_names_gate(value, gate) if {
	some item in split(value, ",")
	trim_space(split(item, "=")[0]) == gate
}

# feature_gate_disabled is true when --feature-gates turns gate off, reading the value as the
# components do (Go's strconv.ParseBool: 0, f, false in any case).
feature_gate_disabled(inst, gate) if lower(flag_map(inst, "feature-gates")[gate]) in {"0", "f", "false"}

# with_feature_gate is a --feature-gates value with every entry for gate set to value, the other
# entries kept as they are ("A=true,G=false" -> "A=true,G=true").
with_feature_gate(flag_value, gate, value) := concat(",", [_gate_item(item, gate, value) | some item in split(flag_value, ",")])

_gate_item(item, gate, value) := sprintf("%s=%s", [gate, value]) if trim_space(split(item, "=")[0]) == gate

_gate_item(item, gate, _) := item if trim_space(split(item, "=")[0]) != gate

# address_host is the host part of an address: "127.0.0.1:10257" -> "127.0.0.1",
# "[::1]:2379" -> "::1", "::1" -> "::1" (an IPv6 address without brackets is all host),
# ":10249" -> "" (all interfaces); undefined for an unclosed bracket.
address_host(addr) := substring(a, 1, indexof(a, "]") - 1) if {
	a := trim_space(addr)
	startswith(a, "[")
	indexof(a, "]") > 0
}

address_host(addr) := split(a, ":")[0] if {
	a := trim_space(addr)
	not startswith(a, "[")
	count(split(a, ":")) == 2
}

address_host(addr) := a if {
	a := trim_space(addr)
	not startswith(a, "[")
	count(split(a, ":")) != 2
}

# is_loopback_host is true for localhost, 127.0.0.0/8, ::1 (in any of its spellings) and
# IPv4-mapped 127.x addresses.
is_loopback_host(h) if lower(h) == "localhost"

is_loopback_host(h) if regex.match(`^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, h)

is_loopback_host(h) if regex.match(`^[0:]*:0*1$`, h)

is_loopback_host(h) if regex.match(`^(?i)[0:]*:ffff:127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, h)

# is_loopback_address is true for an address ("host", "host:port", "[host]:port") on loopback.
is_loopback_address(addr) if is_loopback_host(address_host(addr))

# is_local_url is true for a URL only this host can reach: a loopback host
# (https://127.0.0.1:2380, http://localhost:2380, https://[::1]:2380) or a unix socket
# (unix://, unixs://).
is_local_url(url) if {
	m := regex.find_all_string_submatch_n(`^([a-zA-Z][a-zA-Z0-9+.-]*)://`, trim_space(url), 1)[0]
	lower(m[1]) in {"unix", "unixs"}
}

is_local_url(url) if {
	m := regex.find_all_string_submatch_n(`^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^/?#]*)`, trim_space(url), 1)[0]
	is_loopback_address(m[1])
}

# etcd_peers_local is true when an etcd instance listens for peers only on this host: every
# --listen-peer-urls URL (default http://localhost:2380) is a loopback address or a unix socket,
# so no other member can reach its peer port. etcd reads the flag once (the last value wins).
etcd_peers_local(inst) if not has_flag(inst, "listen-peer-urls")

etcd_peers_local(inst) if {
	urls := [u | some x in split(flag_value(inst, "listen-peer-urls"), ","); u := trim_space(x); u != ""]
	every u in urls {
		is_local_url(u)
	}
}

# host_file is the host path of a file an instance names in a flag, through the container's
# volume mounts and the Pod's hostPath volumes: /etc/kubernetes/pki/ca.crt in a container that
# mounts the host's /etc/kubernetes/pki at /etc/kubernetes/pki is /etc/kubernetes/pki/ca.crt on
# the host. Undefined when the file is not on a hostPath volume (in the image, a Secret, ...).
host_file(inst, file) := out if {
	p := _clean_path(file)
	startswith(p, "/")
	m := _mount_of(inst, p)
	some v in _list(workload.pod_spec, "volumes")
	is_object(v)
	object.get(v, "name", null) == m.mount.name
	hp := object.get(v, ["hostPath", "path"], null)
	is_string(hp)
	sub := _str(object.get(m.mount, "subPath", ""))
	out := _clean_path(concat("/", [hp, sub, substring(p, count(m.mountPath), -1)]))
}

# _mount_of is the volume mount holding path p (the deepest one when mounts nest).
_mount_of(inst, p) := found[0] if {
	mounts := [{"mount": m, "mountPath": mp} |
		some m in _list(inst.container.container, "volumeMounts")
		is_object(m)
		is_string(object.get(m, "name", null))
		mp := _clean_path(_str(object.get(m, "mountPath", "")))
		startswith(mp, "/")
		_under(p, mp)
	]
	count(mounts) > 0
	deepest := max([count(x.mountPath) | some x in mounts])
	found := [x | some x in mounts; count(x.mountPath) == deepest]
}

_under(p, mp) if p == mp

_under(p, mp) if startswith(p, concat("", [mp, "/"]))

_under(_, "/")

# _clean_path trims a file path and collapses repeated and trailing slashes.
_clean_path(p) := "/" if regex.replace(trim_space(p), `/+`, "/") == "/"

_clean_path(p) := trim_suffix(c, "/") if {
	c := regex.replace(trim_space(p), `/+`, "/")
	c != "/"
}

# flag_text shows the occurrence of a flag as it is written, for messages: --name=value, or
# ETCD_NAME=value for an etcd environment variable.
flag_text(f) := sprintf("%s=%s", [upper(concat("", ["etcd_", replace(f.name, "-", "_")])), f.value]) if f.form == "env"

flag_text(f) := sprintf("--%s=%s", [f.name, f.value]) if f.form != "env"

# _candidate is a cheap first test that lets the detection skip ordinary application containers:
# every way a component is recognised involves one of these words in the image, the command, the
# arguments or the pod's component label.
_candidate_words := ["apiserver", "controller-manager", "scheduler", "etcd", "hyperkube"]

_candidate(c) if {
	some text in _candidate_texts(c.container)
	some w in _candidate_words
	contains(text, w)
}

_candidate(_) if object.get(workload.pod_meta, ["labels", "component"], "") in components

_candidate_texts(ctr) := array.concat(
	[object.get(ctr, "image", "")],
	array.concat(_strings(object.get(ctr, "command", [])), _strings(object.get(ctr, "args", []))),
)

_strings(list) := [x | some x in list; is_string(x)] if is_array(list)

_strings(list) := [] if not is_array(list)
