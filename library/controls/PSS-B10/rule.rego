# PSS-B10 Seccomp (baseline): from policy v1.19, seccompProfile.type of the pod and of every
# container (init and ephemeral included) must be RuntimeDefault or Localhost when the profile
# is set (Unconfined, and a profile without a type, are refused). Before v1.19 the alpha
# annotations were checked instead: seccomp.security.alpha.kubernetes.io/pod and
# container.seccomp.security.alpha.kubernetes.io/<container name> may only hold
# runtime/default, docker/default or localhost/<profile>.
package kubescape.controls.PSS_B10

import data.kubescape.lib.pss
import data.kubescape.lib.workload

# The settings with an invalid type are found once for PSS-B10 and PSS-R5 (pss.invalid_seccomp,
# usually empty); the policy version is only looked at for them.
deny contains finding if {
	some s in pss.invalid_seccomp
	pss.minor >= 19
	finding := {
		"msg": sprintf("%s sets seccompProfile.type to %v: only RuntimeDefault and Localhost are allowed", [s.who, pss.type_shown(s.type)]),
		"failedPaths": [s.path],
		"fixPaths": [{"path": s.path, "value": "RuntimeDefault"}],
	}
}

# Policy versions before v1.19: the annotations.
_annotation_keys contains "seccomp.security.alpha.kubernetes.io/pod"

_annotation_keys contains concat("", ["container.seccomp.security.alpha.kubernetes.io/", name]) if {
	some c in workload.containers
	name := object.get(c.container, "name", "")
	is_string(name)
}

deny contains finding if {
	pss.minor < 19
	some key in _annotation_keys
	value := pss.pod_annotations[key]
	not _allowed_annotation(value)
	path := pss.annotation_path(key)
	finding := {
		"msg": sprintf("annotation %s is %v: policy version %s only allows runtime/default, docker/default or localhost/<profile>", [key, pss.shown(value), pss.version]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "runtime/default"}],
	}
}

_allowed_annotation("runtime/default")

_allowed_annotation("docker/default")

_allowed_annotation(v) if {
	is_string(v)
	startswith(v, "localhost/")
}
