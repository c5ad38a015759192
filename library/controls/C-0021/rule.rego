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
	some e in named(k8s.name)
}

matches contains {"entry": e, "path": sprintf("%s.name", [c.path])} if {
	some c in workload.regular_containers
	is_string(c.container.name)
	some e in named(c.container.name)
}

matches contains {"entry": e, "path": sprintf("%s.image", [c.path])} if {
	some c in workload.regular_containers
	is_string(c.container.image)
	some e in image_named(c.container.image)
}

# named is the set of entries that name names: the name (any case) is the entry, or the entry
# followed by "-" and more. Such an entry is what precedes one of the name's dashes, or the whole
# name, so these few candidates are looked up instead of every entry being compared. The argument
# is a string, so each name is matched once per scan, whatever the number of objects carrying it.
named(name) := {e |
	parts := split(lower(name), "-")
	some k in numbers.range(1, count(parts))
	e := concat("-", array.slice(parts, 0, k))
	e in interfaces
}

# image_named is named for the last part of the image's repository.
image_named(ref) := named(parts[count(parts) - 1]) if {
	parts := split(image.parse(ref).repository, "/")
}
