# PSS-R6 Capabilities (restricted, from policy v1.22): every container (init and ephemeral
# included) must drop ALL capabilities (capabilities.drop holding exactly "ALL") and may add
# only NET_BIND_SERVICE. Pods with spec.os.name: windows are exempt from policy v1.25.
#
# Each body looks for a problem first and at the policy version and exemption last: most
# workloads pass, and proving it then costs a few lookups per container.
package kubescape.controls.PSS_R6

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

_applies if {
	pss.minor >= 22
	not _windows_exempt
}

_windows_exempt if {
	pss.minor >= 25
	pss.is_windows
}

deny contains finding if {
	some c in workload.containers
	drops := _drops(c)
	not "ALL" in drops
	_applies
	path := sprintf("%s[%d]", [pss.field_path(c, "capabilities.drop"), count(drops)])
	finding := {
		"msg": sprintf("%s does not drop ALL capabilities%s", [workload.name_of(c), _hint(drops)]),
		"fixPaths": [{"path": path, "value": "ALL"}],
	}
}

deny contains finding if {
	some c in workload.containers
	adds := sc.container_sc(c).capabilities.add
	is_array(adds)
	some i, cap in adds
	cap != "NET_BIND_SERVICE"
	_applies
	path := sprintf("%s[%d]", [pss.field_path(c, "capabilities.add"), i])
	finding := {
		"msg": sprintf("%s adds the capability %v: the restricted policy allows adding only NET_BIND_SERVICE", [workload.name_of(c), pss.shown(cap)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}

# _drops(c) is the container's drop list ([] when missing or not a list).
_drops(c) := d if {
	d := sc.container_sc(c).capabilities.drop
	is_array(d)
} else := []

_hint(drops) := ` (the drop list must hold "ALL" in upper case)` if {
	some d in drops
	sc.cap_name(d) == "ALL"
} else := ""
