package kubescape.controls.C_0001

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# The configured entries of both lists, normalised: lower case, no scheme, Docker Hub's other
# host names read as docker.io. Computed once per scan.
entries := {{"entry": e, "list": list} |
	some list in ["publicRegistries", "untrustedRegistries"]
	some raw in k8s.input_list(list)
	is_string(raw)
	e := _normalise_entry(raw)
	e != ""
}

_docker_hub_hosts := {"index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"}

_normalise_entry(raw) := e if {
	s := lower(regex.replace(trim_space(raw), `^[a-zA-Z]+://`, ""))
	parts := split(s, "/")
	e := concat("/", array.concat([_host(parts[0])], array.slice(parts, 1, count(parts))))
}

_host(h) := "docker.io" if h in _docker_hub_hosts

_host(h) := h if not h in _docker_hub_hosts

deny contains finding if {
	count(entries) > 0
	some c in workload.containers
	ref := c.container.image
	is_string(ref)
	trim_space(ref) != ""
	names := _names(trim_space(ref))
	matched := {m |
		some m in entries
		some name in names
		_prefix(name, m.entry)
	}
	count(matched) > 0
	lists := concat(" and ", sort({m.list | some m in matched}))
	finding := {
		"msg": sprintf("%s runs image %q from a forbidden registry (%s, listed in %s)", [workload.name_of(c), ref, concat(", ", sort({m.entry | some m in matched})), lists]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# The forms an entry may match: the reference as written, and the normalised
# registry/repository (nginx is docker.io/library/nginx; index.docker.io is docker.io).
_names(ref) := {lower(ref), _full(ref)}

_full(ref) := lower(sprintf("%s/%s", [_host(lower(p.registry)), _hub_repo(_host(lower(p.registry)), p.repository)])) if {
	p := image.parse(ref)
}

_hub_repo("docker.io", repo) := concat("/", ["library", repo]) if not contains(repo, "/")

_hub_repo(registry, repo) := repo if {
	not _hub_single(registry, repo)
}

_hub_single("docker.io", repo) if not contains(repo, "/")

# An entry matches at a path boundary: "quay.io" matches quay.io/org/app but not quay.io.evil.com;
# an entry ending in "/" ("docker.io/bitnami/") is a plain prefix.
_prefix(name, e) if name == e

_prefix(name, e) if {
	endswith(e, "/")
	startswith(name, e)
}

_prefix(name, e) if {
	startswith(name, e)
	substring(name, count(e), 1) in {"/", ":", "@"}
}
