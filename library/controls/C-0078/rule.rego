package kubescape.controls.C_0078

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# allowed(ref) has a string argument, so it is computed once per scan for each image: it comes
# before the test for a blank reference, which would otherwise run for every allowed image.
deny contains finding if {
	some c in workload.containers
	ref := c.container.image
	is_string(ref)
	not allowed(ref)
	trim_space(ref) != ""
	finding := {
		"msg": sprintf("%s runs image %q, which is not from an allowed registry or repository", [workload.name_of(c), ref]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# Allow-list entries, lower-cased, without a trailing slash.
entries := {e |
	some raw in k8s.input_list("imageRepositoryAllowList")
	is_string(raw)
	e := trim_right(lower(trim_space(raw)), "/")
	e != ""
}

# allowed is true or false, never undefined: a result is shared across objects only when it is
# defined, so each image, allowed or not, is checked once per scan.
allowed(ref) := true if {
	some name in names(ref)
	some e in entries
	prefix_at_boundary(name, e)
} else := false

# names are the forms an entry may be written against: the reference as written, and the
# normalised registry/repository.
names(ref) := {lower(ref)} | {lower(image.full_name(ref)) | ref != ""}

prefix_at_boundary(name, e) if name == e

prefix_at_boundary(name, e) if {
	startswith(name, e)
	substring(name, count(e), 1) in {"/", ":", "@"}
}
