package kubescape.controls.C_0304

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# A mutable tag without a digest.
deny contains finding if {
	some c in containers
	ref := c.container.image
	is_string(ref)
	trim_space(ref) != ""
	p := image.parse(ref)
	p.digest == ""
	reason := floating(p.tag)
	finding := {
		"msg": sprintf("%s: %s uses image %q, %s and not pinned by digest", [k8s.describe, workload.name_of(c), ref, reason]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

# An image from outside the allow-list.
deny contains finding if {
	count(allow_prefixes) + count(allow_patterns) > 0
	some c in containers
	ref := c.container.image
	is_string(ref)
	trim_space(ref) != ""
	not allowed(ref)
	finding := {
		"msg": sprintf("%s: %s uses image %q, which is not from a repository of imageRepositoryAllowList", [k8s.describe, workload.name_of(c), ref]),
		"failedPaths": [sprintf("%s.image", [c.path])],
	}
}

floating(tag) := "which has no tag (latest)" if tag == ""

floating(tag) := sprintf("whose tag %q is mutable", [tag]) if {
	tag != ""
	lower(tag) in floating_tags
}

# latest always counts; the configured tags are compared lower-cased, without a leading ":".
floating_tags := {"latest"} | {t |
	some x in k8s.input_list("floatingImageTags")
	is_string(x)
	t := lower(trim_left(trim_space(x), ":"))
	t != ""
}

# Allow-list entries: prefixes (lower-cased, without trailing "/") and "^" regular expressions.
allow_prefixes := {e |
	some x in k8s.input_list("imageRepositoryAllowList")
	is_string(x)
	not startswith(trim_space(x), "^")
	e := lower(trim_right(trim_space(x), "/"))
	e != ""
}

allow_patterns := {x |
	some x in k8s.input_list("imageRepositoryAllowList")
	is_string(x)
	startswith(trim_space(x), "^")
	regex.is_valid(trim_space(x))
}

allowed(ref) if {
	some e in allow_prefixes
	some name in names(ref)
	under(name, e)
}

allowed(ref) if {
	some pattern in allow_patterns
	regex.match(trim_space(pattern), ref)
}

# names: the normalised registry/repository, and the name as written (without tag or digest).
names(ref) := {lower(image.full_name(ref)), lower(written_name(ref))}

written_name(ref) := n if {
	no_digest := split(ref, "@")[0]
	parts := split(no_digest, "/")
	last := parts[count(parts) - 1]
	n := concat("/", array.concat(array.slice(parts, 0, count(parts) - 1), [split(last, ":")[0]]))
}

under(name, prefix) if name == prefix

under(name, prefix) if startswith(name, concat("", [prefix, "/"]))

# The pod template of a SandboxTemplate: spec.podTemplate.spec (the project's field), else
# spec.template.spec.
pod_spec_path := "spec.podTemplate.spec" if {
	is_object(object.get(input, ["spec", "podTemplate", "spec"], null))
} else := "spec.template.spec" if {
	is_object(object.get(input, ["spec", "template", "spec"], null))
}

pod_spec := object.get(input, split(pod_spec_path, "."), {})

containers contains {"container": c, "path": sprintf("%s.%s[%d]", [pod_spec_path, kind, i]), "kind": kind, "index": i} if {
	some kind in ["containers", "initContainers"]
	list := object.get(pod_spec, kind, [])
	is_array(list)
	some i, c in list
	is_object(c)
}
