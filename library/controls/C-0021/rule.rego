package kubescape.controls.C_0021

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

deny contains finding if {
	# Exposure first: it is one lookup, while matching names parses every image.
	some svc in object.get(k8s.related, "services", [])
	svc.type in {"NodePort", "LoadBalancer"}
	count(matches) > 0
	entries := sort({m.entry | some m in matches})
	finding := {
		"msg": sprintf("%s runs a sensitive interface (%s) and is exposed outside the cluster by %s Service %q", [k8s.describe, concat(", ", entries), svc.type, svc.name]),
		"failedPaths": sort({m.path | some m in matches}),
	}
}

interfaces := {lower(e) |
	some raw in k8s.input_list("sensitiveInterfaces")
	is_string(raw)
	e := trim_space(raw)
	e != ""
}

# matches are the fields naming a sensitive interface: {"entry", "path"}.
matches contains {"entry": e, "path": "metadata.name"} if {
	some e in interfaces
	names_interface(k8s.name, e)
}

matches contains {"entry": e, "path": sprintf("%s.name", [c.path])} if {
	some c in workload.regular_containers
	is_string(c.container.name)
	some e in interfaces
	names_interface(c.container.name, e)
}

matches contains {"entry": e, "path": sprintf("%s.image", [c.path])} if {
	some c in workload.regular_containers
	is_string(c.container.image)
	parts := split(image.parse(c.container.image).repository, "/")
	last := parts[count(parts) - 1]
	some e in interfaces
	names_interface(last, e)
}

# names_interface: the name is the entry, or the entry followed by "-" and more.
names_interface(name, e) if lower(name) == e

names_interface(name, e) if startswith(lower(name), concat("", [e, "-"]))
