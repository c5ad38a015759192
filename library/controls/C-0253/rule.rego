package kubescape.controls.C_0253

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	img := c.container.image
	is_string(img)
	replacement := _replacement(trim_space(img))
	replacement != ""
	path := sprintf("%s.image", [c.path])
	finding := {
		"msg": sprintf("%s pulls %q from the frozen k8s.gcr.io registry; use %q", [workload.name_of(c), img, replacement]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": replacement}],
	}
}

# The old registry, or the regional GCR mirrors behind it, followed by the image name.
_deprecated := `^(?i)(k8s\.gcr\.io|(us|eu|asia)\.gcr\.io/k8s-artifacts-prod)/(.+)$`

# _replacement is "" for other images: always defined and called with a string, it is computed
# once per scan for each image, not once per container.
_replacement(img) := sprintf("registry.k8s.io/%s", [m[3]]) if {
	m := regex.find_all_string_submatch_n(_deprecated, img, 1)[0]
} else := ""
