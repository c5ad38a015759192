package kubescape.controls.C_0306

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Exempt repositories, lower-cased, without scheme.
exempt := {e |
	some raw in k8s.input_list("imageDigestExemptRepositories")
	is_string(raw)
	e := lower(regex.replace(trim_space(raw), `^[a-zA-Z]+://`, ""))
	e != ""
}

deny contains finding if {
	some c in workload.containers
	ref := c.container.image
	is_string(ref)
	why := _unpinned(trim_space(ref))
	why != ""
	finding := {
		"msg": sprintf("%s runs image %q, %s: what it runs can change without the manifest changing", [workload.name_of(c), ref, why]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# _unpinned(ref) says why the (trimmed) image reference ref is not pinned, or is "" when ref is
# empty, pinned to a valid digest or exempt. Always defined and called with a string, it is
# computed once per scan for each image, not once per container.
_unpinned(ref) := _why(ref) if {
	ref != ""
	not _pinned(ref)
	not _exempt(ref)
} else := ""

_why(ref) := "which is not pinned to a digest" if image.parse(ref).digest == ""

_why(ref) := sprintf("whose digest %q is not a valid digest", [d]) if {
	d := image.parse(ref).digest
	d != ""
}

# A digest as the OCI spec writes it: algorithm:encoded (sha256:<64 hex>, sha512:<128 hex>, ...).
_pinned(ref) if regex.match(`^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$`, image.parse(ref).digest)

# An entry exempts the images whose reference as written, or normalised registry/repository
# (nginx is docker.io/library/nginx), it starts at a path boundary: "quay.io/org" exempts
# quay.io/org/app but not quay.io/organisation/app; "quay.io/org/" works as a plain prefix.
_exempt(ref) if {
	some name in _names(ref)
	some e in exempt
	_prefix(name, e)
}

_names(ref) := {lower(ref), lower(image.full_name(ref))}

_prefix(name, e) if name == e

_prefix(name, e) if {
	endswith(e, "/")
	startswith(name, e)
}

_prefix(name, e) if {
	startswith(name, e)
	substring(name, count(e), 1) in {"/", ":", "@"}
}
