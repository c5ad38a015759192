package kubescape.controls.C_0055

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not _hardened(c)
	fix := sprintf("%s.seccompProfile.type", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s has no Linux hardening: no seccomp, AppArmor or SELinux profile and no dropped capabilities", [workload.name_of(c)]),
		"failedPaths": _unconfined_paths(c),
		"fixPaths": [{"path": fix, "value": "RuntimeDefault"}],
	}
}

_hardened(c) if _seccomp(c)

_hardened(c) if _apparmor(c)

_hardened(c) if _selinux(c)

_hardened(c) if sc.drops_caps(c)

# Seccomp: the container's profile, else the pod's, with a type other than Unconfined.
_seccomp(c) if _confining(sc.effective(c, "seccompProfile"))

# AppArmor: the appArmorProfile field (container over pod) decides when set; otherwise the
# legacy per-container annotation.
_apparmor(c) if _confining(sc.effective(c, "appArmorProfile"))

_apparmor(c) if {
	not _apparmor_field(c)
	v := _apparmor_annotation(c)
	is_string(v)
	not v in {"", "unconfined"}
}

_apparmor_field(c) if sc.setting(c, "appArmorProfile")

_apparmor_key(c) := sprintf("container.apparmor.security.beta.kubernetes.io/%s", [c.container.name])

_apparmor_annotation(c) := object.get(workload.pod_meta, ["annotations", _apparmor_key(c)], null)

# SELinux: non-empty seLinuxOptions on the container or the pod.
_selinux(c) if _non_empty(sc.container_sc(c).seLinuxOptions)

_selinux(_) if _non_empty(sc.pod_sc.seLinuxOptions)

_non_empty(x) if {
	is_object(x)
	count(x) > 0
}

_confining(profile) if {
	is_string(profile.type)
	profile.type != "Unconfined"
}

# Profiles explicitly set to Unconfined (seccomp or AppArmor) are what is wrong.
_unconfined_paths(c) := array.concat(
	[s.path |
		some field in ["seccompProfile", "appArmorProfile"]
		s := sc.setting(c, field)
		s.value.type == "Unconfined"
	],
	[sprintf("%s.annotations[%q]", [workload.pod_meta_path, _apparmor_key(c)]) |
		not _apparmor_field(c)
		_apparmor_annotation(c) == "unconfined"
	],
)
