package kubescape.controls.C_0055

import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

# A container is hardened by any of: dropped capabilities, seccomp, AppArmor, SELinux. They are
# tested one after the other, so that a hardened container stops at the first one it uses.
deny contains finding if {
	not sc.is_windows
	some c in workload.containers
	not sc.drops_caps(c)
	not _confining(c, "seccompProfile")
	not _apparmor(c)
	not _selinux(c)
	fix := sprintf("%s.seccompProfile.type", [sc.container_sc_path(c)])
	finding := {
		"msg": sprintf("%s has no Linux hardening: no seccomp, AppArmor or SELinux profile and no dropped capabilities", [workload.name_of(c)]),
		"failedPaths": _unconfined_paths(c),
		"fixPaths": [{"path": fix, "value": "RuntimeDefault"}],
	}
}

# Seccomp and AppArmor: the container's profile, else the pod's, with a type other than
# Unconfined.
_confining(c, field) if {
	type := sc.effective_or_null(c, field).type
	is_string(type)
	type != "Unconfined"
}

# AppArmor: the appArmorProfile field (container over pod) decides when set; otherwise the
# legacy per-container annotation.
_apparmor(c) if _confining(c, "appArmorProfile")

_apparmor(c) if {
	v := _apparmor_annotation(c)
	is_string(v)
	not v in {"", "unconfined"}
	not _apparmor_field(c)
}

_apparmor_field(c) if sc.effective_or_null(c, "appArmorProfile") != null

_apparmor_key(c) := sprintf("container.apparmor.security.beta.kubernetes.io/%s", [c.container.name])

# The annotation's value (undefined when absent). Reads the pod's annotations first, so that a
# pod without any (most) does not build the key.
_apparmor_annotation(c) := v if {
	annotations := workload.pod_meta.annotations
	v := annotations[_apparmor_key(c)]
}

# SELinux: non-empty seLinuxOptions on the container or the pod.
_selinux(c) if _non_empty(sc.container_sc(c).seLinuxOptions)

_selinux(_) if _pod_selinux

# The pod's seLinuxOptions, judged once per object.
_pod_selinux if _non_empty(sc.pod_sc.seLinuxOptions)

_non_empty(x) if {
	is_object(x)
	count(x) > 0
}

# Profiles explicitly set to Unconfined (seccomp or AppArmor) are what is wrong.
_unconfined_paths(c) := array.concat(
	[sc.setting(c, field).path |
		some field in ["seccompProfile", "appArmorProfile"]
		sc.effective_or_null(c, field).type == "Unconfined"
	],
	[sprintf("%s.annotations[%q]", [workload.pod_meta_path, _apparmor_key(c)]) |
		_apparmor_annotation(c) == "unconfined"
		not _apparmor_field(c)
	],
)
