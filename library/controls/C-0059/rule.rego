package kubescape.controls.C_0059

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# The controller's ConfigMap allows snippets.
deny contains finding if {
	some c in controllers
	flag := configmap_flag(c)
	cm := configmap(flag.ref)
	setting(cm) == true
	finding := {
		"msg": sprintf("%s runs the ingress-nginx controller and its ConfigMap %q sets allow-snippet-annotations to %q: Ingress authors can inject NGINX configuration (CVE-2021-25742)", [workload.name_of(c), shown(flag.ref), cm.data["allow-snippet-annotations"]]),
		"failedPaths": [flag.path],
	}
}

# The ConfigMap does not settle it and the version defaults to allowing snippets.
deny contains finding if {
	some c in controllers
	not settled(c)
	v := version_of(c)
	image.older(v, [1, 9, 0])
	finding := {
		"msg": sprintf("%s runs ingress-nginx controller %d.%d.%d, which allows snippet annotations by default (below v1.9.0), and %s (CVE-2021-25742)", [workload.name_of(c), v[0], v[1], v[2], why_unsettled(c)]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# Neither the version nor the ConfigMap tells: a person must check.
deny contains finding if {
	some c in controllers
	not settled(c)
	not version_of(c)
	finding := {
		"msg": sprintf("%s runs the ingress-nginx controller (%q) with no readable version, and %s: verify that allow-snippet-annotations is \"false\" (CVE-2021-25742)", [workload.name_of(c), c.container.image, why_unsettled(c)]),
		"reviewPaths": [sprintf("%s.image", [c.path])],
	}
}

# controllers are the containers running the community ingress-nginx controller.
controllers contains c if {
	some c in workload.regular_containers
	is_string(c.container.image)
	contains(lower(c.container.image), "nginx")
	is_ingress_nginx(c.container.image)
}

# is_ingress_nginx: same detection as C-0292 (kept in step with it).
is_ingress_nginx(ref) if {
	repo := lower(image.parse(ref).repository)
	regex.match(`(^|/)ingress-nginx/controller(-chroot)?$`, repo)
}

is_ingress_nginx(ref) if {
	repo := lower(image.parse(ref).repository)
	regex.match(`(^|/)(kubernetes-ingress-controller|google_containers|google-containers|bitnami|rancher)/nginx-ingress-controller(-[a-z0-9]+)?$`, repo)
}

version_of(c) := image.version(image.parse(c.container.image).tag)

# settled: the controller's ConfigMap is in the input and sets allow-snippet-annotations to a
# boolean.
settled(c) if {
	cm := configmap(configmap_flag(c).ref)
	is_boolean(setting(cm))
}

why_unsettled(c) := "it names no ConfigMap (--configmap)" if {
	not configmap_flag(c)
} else := sprintf("its ConfigMap %q does not set allow-snippet-annotations", [shown(flag.ref)]) if {
	flag := configmap_flag(c)
	configmap(flag.ref)
} else := sprintf("its ConfigMap %q is not in the input (unless it sets allow-snippet-annotations to \"false\")", [shown(configmap_flag(c).ref)])

# configmap_flag is the --configmap argument of a container, {"ref", "path"}; the last one wins,
# as with the controller's flag parser.
configmap_flag(c) := flags[count(flags) - 1] if {
	flags := configmap_flags(c)
	count(flags) > 0
}

configmap_flags(c) := [f |
	some field in ["command", "args"]
	args := object.get(c.container, field, [])
	is_array(args)
	some i, arg in args
	f := flag_at(args, i, arg, sprintf("%s.%s", [c.path, field]))
]

flag_at(_, i, arg, base) := {"ref": substring(arg, count("--configmap="), -1), "path": sprintf("%s[%d]", [base, i])} if {
	is_string(arg)
	startswith(arg, "--configmap=")
}

flag_at(args, i, "--configmap", base) := {"ref": args[i + 1], "path": sprintf("%s[%d]", [base, i + 1])} if {
	is_string(args[i + 1])
}

# configmap finds the ConfigMap a --configmap value names among those related to the workload.
configmap(ref) := cm if {
	[ns, name] := target(ref)
	some cm in object.get(k8s.related, "configMaps", [])
	cm.name == name
	ns_key(object.get(cm, "namespace", "")) == ns_key(ns)
}

# target splits a --configmap value into [namespace, name].
target(ref) := [parts[0], parts[1]] if {
	parts := split(replace(ref, "$(POD_NAMESPACE)", ns_key(k8s.namespace)), "/")
	count(parts) == 2
}

target(ref) := [ns_key(k8s.namespace), ref] if not contains(ref, "/")

# shown renders a --configmap value as namespace/name for messages.
shown(ref) := concat("/", target(ref)) if target(ref)

shown(ref) := ref if not target(ref)

ns_key("") := "default"

ns_key(ns) := ns if ns != ""

# setting reads allow-snippet-annotations the way the controller does (Go's strconv.ParseBool).
setting(cm) if {
	object.get(cm, ["data", "allow-snippet-annotations"], "") in {"true", "True", "TRUE", "t", "T", "1"}
}

setting(cm) := false if {
	object.get(cm, ["data", "allow-snippet-annotations"], "") in {"false", "False", "FALSE", "f", "F", "0"}
}
