package kubescape.controls.C_0075

import data.kubescape.lib.image
import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Configured floating tags ("stable", "main", ...), trimmed; tags are case-sensitive.
floating := {t |
	some raw in k8s.input_list("floatingImageTags")
	is_string(raw)
	t := trim_prefix(trim_space(raw), ":")
	t != ""
}

deny contains finding if {
	some c in workload.containers
	ref := c.container.image
	is_string(ref)
	what := _floating_image(trim_space(ref))
	what != ""
	policy := object.get(c.container, "imagePullPolicy", null)
	_stale(image.parse(trim_space(ref)).tag, policy)
	path := sprintf("%s.imagePullPolicy", [c.path])
	finding := {
		"msg": sprintf("%s runs image %q (%s) with %s: nodes keep running whatever copy of the tag they already have", [workload.name_of(c), ref, what, _policy_text(policy)]),
		"failedPaths": _failed(c, policy, path),
		"fixPaths": [{"path": path, "value": "Always"}],
	}
}

# _floating_image(ref) describes the floating tag of the (trimmed) image reference ref, or is ""
# when ref is empty, pinned to a digest or has a fixed tag. Always defined and called with a
# string, it is computed once per scan for each image, not once per container.
_floating_image(ref) := what if {
	ref != ""
	p := image.parse(ref)
	p.digest == ""
	what := _floating(p.tag)
} else := ""

_floating("latest") := "tag latest"

_floating("") := "no tag, so latest"

_floating(tag) := sprintf("floating tag %q", [tag]) if {
	not tag in {"", "latest"}
	tag in floating
}

# Kubernetes defaults imagePullPolicy to Always for :latest and untagged images, and to
# IfNotPresent otherwise: only an explicit IfNotPresent or Never leaves those stale, while any
# other floating tag is stale unless the policy is Always.
_stale(tag, policy) if {
	tag in {"", "latest"}
	policy in {"IfNotPresent", "Never"}
}

_stale(tag, policy) if {
	not tag in {"", "latest"}
	policy != "Always"
}

_policy_text(null) := "no imagePullPolicy (IfNotPresent by default for this tag)"

_policy_text(policy) := sprintf("imagePullPolicy %v", [policy]) if policy != null

_failed(c, policy, path) := [path] if policy != null

_failed(c, null, _) := [sprintf("%s.image", [c.path])]
