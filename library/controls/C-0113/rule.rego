package kubescape.controls.C_0113

import data.kubescape.lib.controlplane as cp

# --anonymous-auth defaults to true.
deny contains finding if {
	some inst in cp.apiservers
	cp.flag_bool(inst, "anonymous-auth", true) == true
	finding := object.union({"msg": _msg(inst)}, _paths(inst))
}

_msg(inst) := sprintf("%s accepts anonymous requests: --anonymous-auth is %q", [cp.describe(inst), cp.flag_value(inst, "anonymous-auth")]) if {
	cp.has_flag(inst, "anonymous-auth")
}

_msg(inst) := sprintf("%s accepts anonymous requests: --anonymous-auth is not set and defaults to true", [cp.describe(inst)]) if {
	not cp.has_flag(inst, "anonymous-auth")
	not cp.flag_set(inst, "authentication-config")
}

_msg(inst) := sprintf("%s does not set --anonymous-auth=false; check that the anonymous section of its --authentication-config file is disabled or limited to health endpoints", [cp.describe(inst)]) if {
	not cp.has_flag(inst, "anonymous-auth")
	cp.flag_set(inst, "authentication-config")
}

_paths(inst) := cp.set_flag_paths(f, "false") if f := cp.flag(inst, "anonymous-auth")

_paths(inst) := cp.add_flag_paths(inst, "anonymous-auth", "false") if {
	not cp.has_flag(inst, "anonymous-auth")
	not cp.flag_set(inst, "authentication-config")
}

# Kubernetes 1.32 and later can configure anonymous access in the AuthenticationConfiguration
# file instead, and then refuse --anonymous-auth: point at the file for review, propose no flag.
_paths(inst) := {"reviewPaths": cp.flag_paths(cp.flag(inst, "authentication-config"))} if {
	not cp.has_flag(inst, "anonymous-auth")
	cp.flag_set(inst, "authentication-config")
}
