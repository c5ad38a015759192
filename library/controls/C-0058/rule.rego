package kubescape.controls.C_0058

import data.kubescape.lib.workload

deny contains finding if {
	count(vulnerable_nodes) > 0 # computed once per scan, and usually empty
	some c in workload.containers
	some j, m in c.container.volumeMounts
	is_object(m)
	some field in ["subPath", "subPathExpr"]
	v := object.get(m, field, "")
	is_string(v)
	v != ""
	finding := {
		"msg": sprintf("%s mounts volume %q with %s, and node kubelets are vulnerable to CVE-2021-25741 (symlink escape to the host file system): %s", [workload.name_of(c), object.get(m, "name", "?"), field, concat(", ", sorted_nodes)]),
		"failedPaths": [sprintf("%s.volumeMounts[%d].%s", [c.path, j, field])],
	}
}

# vulnerable_nodes describes the nodes whose kubelet version is affected: `"node-1" (v1.21.3)`.
vulnerable_nodes contains sprintf("%q (%s)", [n.name, n.kubeletVersion]) if {
	some n in data.kubescape.index.nodes
	is_string(n.kubeletVersion)
	affected(version(n.kubeletVersion))
}

# Messages list at most five nodes.
sorted_nodes := names if {
	listed := sort(vulnerable_nodes)
	count(listed) <= 5
	names := listed
} else := array.concat(array.slice(sort(vulnerable_nodes), 0, 5), [sprintf("and %d more", [count(vulnerable_nodes) - 5])])

# version reads "v1.21.3-eks-1234" as [1, 21, 3].
version(s) := [to_number(m[1]), to_number(m[2]), to_number(m[3])] if {
	m := regex.find_all_string_submatch_n(`^v?(\d+)\.(\d+)\.(\d+)`, s, 1)[0]
}

# affected: the fixed releases are v1.19.15, v1.20.11, v1.21.5 and v1.22.2.
affected(v) if {
	v[0] == 1
	v[1] < 19
}

affected(v) if v[0] == 0

affected([1, 19, patch]) if patch < 15

affected([1, 20, patch]) if patch < 11

affected([1, 21, patch]) if patch < 5

affected([1, 22, patch]) if patch < 2
