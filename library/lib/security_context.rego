# Package security_context reads the security settings of a workload's containers the way the
# kubelet applies them: a container's securityContext field overrides the pod's
# securityContext field of the same name. It also normalises Linux capability names.
package kubescape.lib.security_context

import data.kubescape.lib.workload

# is_windows is true for pods that declare spec.os.name: windows; Linux-only settings
# (seccomp, capabilities, runAsUser, readOnlyRootFilesystem, ...) do not apply to them.
is_windows if workload.pod_spec.os.name == "windows"

# pod_sc_path is the dotted path of the pod-level securityContext.
pod_sc_path := sprintf("%s.securityContext", [workload.pod_spec_path])

# pod_sc is the pod-level securityContext ({} when missing or not an object).
pod_sc := sc if {
	sc := workload.pod_spec.securityContext
	is_object(sc)
} else := {}

# container_sc is a container's securityContext ({} when missing or not an object); c is an
# entry of workload.containers.
container_sc(c) := sc if {
	sc := c.container.securityContext
	is_object(sc)
} else := {}

# container_sc_path is the dotted path of a container's securityContext.
container_sc_path(c) := sprintf("%s.securityContext", [c.path])

# setting(c, field) is the effective value of a field that exists at both levels (runAsUser,
# runAsNonRoot, seccompProfile, appArmorProfile, seLinuxOptions, ...) as
# {"value", "path"}: the container's value when set (not null), else the pod's; undefined
# when neither level sets it.
setting(c, field) := {"value": v, "path": sprintf("%s.%s", [container_sc_path(c), field])} if {
	v := container_sc(c)[field]
	v != null
} else := {"value": v, "path": sprintf("%s.%s", [pod_sc_path, field])} if {
	v := pod_sc[field]
	v != null
}

# effective(c, field) is the effective value alone (undefined when neither level sets it). It
# follows setting() without building the paths, which most callers never need.
effective(c, field) := v if {
	v := container_sc(c)[field]
	v != null
} else := v if {
	v := pod_sc[field]
	v != null
}

# effective_or_null(c, field) is effective(c, field), or null when neither level sets it. Being
# never undefined, it can be negated: in `not f(x) == v`, OPA evaluates f(x) outside the
# negation, so an undefined value would make the whole expression undefined.
effective_or_null(c, field) := v if {
	v := effective(c, field)
} else := null

# cap_name normalises a capability name: "cap_sys_admin", " SYS_ADMIN" -> "SYS_ADMIN".
# Undefined for values that are not strings.
cap_name(x) := trim_prefix(upper(trim_space(x)), "CAP_") if is_string(x)

# added_caps holds a container's added capabilities as {"index", "name", "path"} with the
# name normalised.
added_caps(c) := {{"index": i, "name": cap_name(x), "path": sprintf("%s.capabilities.add[%d]", [container_sc_path(c), i])} |
	adds := container_sc(c).capabilities.add
	is_array(adds)
	some i, x in adds
	is_string(x)
}

# drops_caps is true when a container drops at least one capability.
drops_caps(c) if {
	drops := container_sc(c).capabilities.drop
	is_array(drops)
	count(drops) > 0
}
