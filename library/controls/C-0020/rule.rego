package kubescape.controls.C_0020

import data.kubescape.lib.workload

provider := object.get(data.kubescape.index, "cloudProvider", "")

credential_dirs := {
	"eks": ["/etc/kubernetes", "/var/lib/kubelet", "/etc/eks", "/root/.aws", "/home/*/.aws"],
	"aks": ["/etc/kubernetes", "/var/lib/kubelet", "/var/lib/waagent", "/root/.azure", "/home/*/.azure"],
	"gke": [
		"/etc/kubernetes", "/var/lib/kubelet", "/etc/srv/kubernetes", "/home/kubernetes",
		"/root/.config/gcloud", "/home/*/.config/gcloud",
	],
}

deny contains finding if {
	dirs := credential_dirs[provider]
	some v in workload.volumes
	path := v.volume.hostPath.path
	is_string(path)
	startswith(path, "/")
	segs := segments(path)
	exposed := {d | some d in dirs; overlaps(segs, segments(d))}
	count(exposed) > 0
	finding := {
		"msg": sprintf("hostPath volume %q mounts %q, which exposes the node's credentials on %s (%s)", [object.get(v.volume, "name", "?"), path, upper(provider), concat(", ", sort(exposed))]),
		"failedPaths": [sprintf("%s.hostPath.path", [v.path])],
	}
}

# segments splits an absolute path into its parts, ignoring empty and "." parts ("/" -> []).
segments(p) := [s | some s in split(p, "/"); s != ""; s != "."]

# overlaps: the path is the credential directory, under it, or one of its parents.
overlaps(path, dir) if {
	n := min([count(path), count(dir)])
	every i in numbers.range(0, n - 1) {
		segment_matches(path[i], dir[i])
	}
}

# The root path overlaps everything (for it, numbers.range(0, -1) is [0, -1], not empty).
overlaps(path, _) if count(path) == 0

segment_matches(_, "*")

segment_matches(s, d) if s == d
