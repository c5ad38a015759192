package kubescape.controls.C_0090

import data.kubescape.lib.image
import data.kubescape.lib.workload

# CVE-2022-39328: Grafana 9.2.0 to 9.2.3 (OSS and Enterprise).
_product := "Grafana"

_cve := "CVE-2022-39328"

_repositories := ["grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise", "bitnami/grafana"]

_ranges := [{"from": [9, 2, 0], "to": [9, 2, 4], "fixed": "9.2.4"}]

_affected := "9.2.0 to 9.2.3"

deny contains finding if {
	some c in _product_containers
	v := image.version(c.ref.tag)
	some r in _ranges
	_in_range(v, r)
	path := sprintf("%s.image", [c.container.path])
	finding := {
		"msg": sprintf("%s runs %s %s (%q), vulnerable to %s: under load, a race in creating the HTTP request context can give a request the authentication middleware of another, so an unauthenticated user can query protected endpoints; fixed in 9.2.4", [workload.name_of(c.container), _product, concat(".", [sprintf("%d", [n]) | some n in v]), c.image, _cve]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": _fixed_ref(c, r.fixed)}],
	}
}

# An image of the product whose tag holds no version (latest, no tag, digest only): a person
# must check which version runs.
deny contains finding if {
	some c in _product_containers
	not image.version(c.ref.tag)
	finding := {
		"msg": sprintf("%s runs %s from %q, whose reference names no version: check that it is not a version affected by %s (%s)", [workload.name_of(c.container), _product, c.image, _cve, _affected]),
		"reviewPaths": [sprintf("%s.image", [c.container.path])],
	}
}

# --- shared shape of the image CVE controls ---------------------------------------------------

_product_containers contains {"container": c, "image": img, "ref": ref} if {
	some c in workload.containers
	img := c.container.image
	is_string(img)
	_may_be_product(img)
	ref := image.parse(trim_space(img))
	_is_product(lower(ref.repository))
}

_is_product(repo) if {
	some name in _repositories
	_repo_is(repo, name)
}

_repo_is(repo, name) if repo == name

_repo_is(repo, name) if endswith(repo, concat("", ["/", name]))

_in_range(v, r) if {
	not image.older(v, r.from)
	image.older(v, r.to)
}

# _fixed_ref is the image with its tag set to the fixed version, keeping a leading "v" and a
# variant suffix (-ubuntu, -alpine) but not a build revision, and without a digest, which would
# pin the old image.
_fixed_ref(c, fixed) := sprintf("%s:%s%s%s", [name, prefix, fixed, _variant(c.ref.tag)]) if {
	no_digest := split(trim_space(c.image), "@")[0]
	name := substring(no_digest, 0, (count(no_digest) - count(c.ref.tag)) - 1)
	prefix := _v_prefix(c.ref.tag)
}

_variant(tag) := suffix if {
	suffix := regex.find_all_string_submatch_n(`^v?\d+\.\d+\.\d+(.*)$`, tag, 1)[0][1]
	regex.match(`^-[A-Za-z]+$`, suffix)
} else := ""

_v_prefix(tag) := "v" if startswith(tag, "v")

_v_prefix(tag) := "" if not startswith(tag, "v")

# _may_be_product is a cheap first test: every repository of the product has "grafana" in its name.
_may_be_product(img) if contains(lower(img), "grafana")
