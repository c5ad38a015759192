package kubescape.controls.C_0087

import data.kubescape.lib.image
import data.kubescape.lib.k8s

_path := "status.nodeInfo.containerRuntimeVersion"

_ranges := [
	{"from": [0, 0, 0], "to": [1, 4, 13]},
	{"from": [1, 5, 0], "to": [1, 5, 10]},
	{"from": [1, 6, 0], "to": [1, 6, 1]},
]

_fixed := "1.4.13, 1.5.10 and 1.6.1"

# An upstream release or pre-release: affected.
deny contains finding if {
	rt := _containerd
	_vulnerable(rt.version)
	_upstream(rt.suffix)
	finding := {
		"msg": sprintf("%s runs containerd %s, vulnerable to CVE-2022-23648: a crafted image can read host files through the CRI plugin; fixed in %s", [k8s.describe, rt.raw, _fixed]),
		"failedPaths": [_path],
	}
}

# A vendor build of an affected release: the fix may be backported.
deny contains finding if {
	rt := _containerd
	_vulnerable(rt.version)
	not _upstream(rt.suffix)
	finding := {
		"msg": sprintf("%s runs containerd %s, a vendor build of a release affected by CVE-2022-23648 (fixed upstream in %s): check the vendor's advisory for a backported fix", [k8s.describe, rt.raw, _fixed]),
		"reviewPaths": [_path],
	}
}

# _containerd parses containerd://1.5.9-0ubuntu1 as {"raw": "1.5.9-0ubuntu1", "version": [1, 5, 9], "suffix": "-0ubuntu1"}.
_containerd := {"raw": substring(v, count("containerd://"), -1), "version": [to_number(m[1]), to_number(m[2]), to_number(m[3])], "suffix": m[4]} if {
	v := input.status.nodeInfo.containerRuntimeVersion
	is_string(v)
	m := regex.find_all_string_submatch_n(`^containerd://v?(\d+)\.(\d+)\.(\d+)(.*)$`, v, 1)[0]
}

_vulnerable(version) if {
	some r in _ranges
	not image.older(version, r.from)
	image.older(version, r.to)
}

_upstream("")

_upstream(suffix) if regex.match(`^-(alpha|beta|rc)[.0-9]*$`, suffix)
