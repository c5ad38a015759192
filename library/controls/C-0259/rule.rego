package kubescape.controls.C_0259

import data.kubescape.lib.secrets
import data.kubescape.lib.workload

# The env var part of C-0012, from the same shared detection.
deny contains finding if {
	some e in secrets.literal_env_credentials
	finding := {
		"msg": sprintf("%s: env var %q holds a literal value that looks like a credential (%s)", [workload.name_of(e.container), e.name, concat("; ", e.reasons)]),
		"failedPaths": [e.path],
	}
}
