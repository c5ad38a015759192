# Package image parses container image references: registry, repository, tag and digest.
package kubescape.lib.image

# parse splits an image reference. Docker Hub names get the registry "docker.io" and, for
# one-part names, the "library/" prefix, as the container runtimes do.
parse(ref) := {"registry": registry, "repository": repo, "tag": tag, "digest": digest} if {
	no_digest := split(ref, "@")[0]
	digest := _digest(ref)
	parts := split(no_digest, "/")
	registry := _registry(parts)
	rest := _rest(parts)
	last := rest[count(rest) - 1]
	tag := _tag(last)
	name_parts := array.concat(array.slice(rest, 0, count(rest) - 1), [split(last, ":")[0]])
	repo := _repo(registry, name_parts)
}

_digest(ref) := split(ref, "@")[1] if contains(ref, "@")

_digest(ref) := "" if not contains(ref, "@")

# The first part is a registry when it holds a dot or a port, or is "localhost".
_is_registry(p) if contains(p, ".")

_is_registry(p) if contains(p, ":")

_is_registry("localhost")

_registry(parts) := parts[0] if {
	count(parts) > 1
	_is_registry(parts[0])
}

_registry(parts) := "docker.io" if {
	count(parts) > 1
	not _is_registry(parts[0])
}

_registry(parts) := "docker.io" if count(parts) == 1

_rest(parts) := array.slice(parts, 1, count(parts)) if {
	count(parts) > 1
	_is_registry(parts[0])
}

_rest(parts) := parts if {
	count(parts) > 1
	not _is_registry(parts[0])
}

_rest(parts) := parts if count(parts) == 1

_tag(last) := split(last, ":")[1] if contains(last, ":")

_tag(last) := "" if not contains(last, ":")

_repo("docker.io", name_parts) := concat("/", array.concat(["library"], name_parts)) if count(name_parts) == 1

_repo(registry, name_parts) := concat("/", name_parts) if {
	not _docker_single(registry, name_parts)
}

_docker_single("docker.io", name_parts) if count(name_parts) == 1

# full_name is registry/repository, the name allow-lists are written against.
full_name(ref) := sprintf("%s/%s", [p.registry, p.repository]) if p := parse(ref)

# version returns the semantic version in a tag ("v1.2.3-alpine" -> [1, 2, 3]); undefined when
# the tag holds none.
version(tag) := [to_number(m[1]), to_number(m[2]), to_number(m[3])] if {
	m := regex.find_all_string_submatch_n(`^v?(\d+)\.(\d+)\.(\d+)`, tag, 1)[0]
}

# older(a, b) is true when version a is lower than version b.
older(a, b) if {
	some i
	a[i] < b[i]
	array.slice(a, 0, i) == array.slice(b, 0, i)
}
