# PSS-B7 AppArmor (baseline, every version): appArmorProfile.type of the pod and of every
# container (init and ephemeral included) must be RuntimeDefault or Localhost when the profile
# is set (a profile without a type is refused too), and the legacy annotations
# container.apparmor.security.beta.kubernetes.io/* may only hold "", runtime/default or
# localhost/<profile>.
package kubescape.controls.PSS_B7

import data.kubescape.lib.pss
import data.kubescape.lib.workload

allowed_types := {"RuntimeDefault", "Localhost"}

annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

deny contains finding if {
	some s in pss.settings("appArmorProfile")
	t := pss.profile_type(s.value)
	not t in allowed_types
	path := sprintf("%s.type", [s.path])
	finding := {
		"msg": sprintf("%s sets appArmorProfile.type to %v: only RuntimeDefault and Localhost are allowed", [s.who, pss.type_shown(t)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "RuntimeDefault"}],
	}
}

deny contains finding if {
	some key, value in pss.pod_annotations
	startswith(key, annotation_prefix)
	is_string(value)
	not _allowed_annotation(value)
	path := pss.annotation_path(key)
	finding := {
		"msg": sprintf("annotation %s is %q: only runtime/default, localhost/<profile> or empty are allowed", [key, value]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "runtime/default"}],
	}
}

_allowed_annotation("")

_allowed_annotation("runtime/default")

_allowed_annotation(v) if startswith(v, "localhost/")
