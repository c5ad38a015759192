package kubescape.controls.C_0273

import data.kubescape.lib.k8s

# The minors upstream supports when the library was last updated; the control input
# supportedKubernetesMinors replaces them when it holds at least one readable minor.
default_minors := ["1.35", "1.36", "1.37"]

_path := "status.nodeInfo.kubeletVersion"

deny contains finding if {
	v := input.status.nodeInfo.kubeletVersion
	is_string(v)
	node := _minor(v)
	node < _oldest
	finding := {
		"msg": sprintf("%s runs Kubernetes %s, older than the oldest supported minor %s (supported: %s)", [k8s.describe, v, _show(_oldest), concat(", ", [_show(m) | some m in _supported])]),
		"failedPaths": [_path],
	}
}

# Prepared once per scan: the supported minors as sorted [major, minor] pairs, and the oldest.
_configured := {m | some s in k8s.input_list("supportedKubernetesMinors"); m := _minor(s)}

_supported := sort(_configured) if count(_configured) > 0

_supported := sort({m | some s in default_minors; m := _minor(s)}) if count(_configured) == 0

_oldest := _supported[0]

# _minor reads "v1.29.4-eks-1234", "1.35" or "v1.35" as [1, 29]; undefined for anything else.
_minor(s) := [to_number(m[1]), to_number(m[2])] if {
	is_string(s)
	m := regex.find_all_string_submatch_n(`^\s*v?(\d+)\.(\d+)`, s, 1)[0]
}

_show(m) := sprintf("%d.%d", m)
