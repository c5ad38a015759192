package kubescape.controls.C_0012

import data.kubescape.lib.k8s
import data.kubescape.lib.secrets
import data.kubescape.lib.workload

# The credential detection lives in data.kubescape.lib.secrets, shared with C-0259 (which
# reports the env var part alone).

# Env vars with a literal value, in every container.
deny contains finding if {
	some e in secrets.literal_env_credentials
	finding := {
		"msg": sprintf("%s: env var %q holds a literal value that looks like a credential (%s)", [workload.name_of(e.container), e.name, concat("; ", e.reasons)]),
		"failedPaths": [e.path],
	}
}

# ConfigMap data entries.
deny contains finding if {
	input.kind == "ConfigMap"
	some key, value in object.get(input, "data", {})
	is_string(key)
	is_string(value)
	reasons := secrets.sensitive(key, value)
	count(reasons) > 0
	finding := {
		"msg": sprintf("%s: data entry %q looks like a credential (%s)", [k8s.describe, key, concat("; ", sort(reasons))]),
		"failedPaths": [sprintf("data%s", [secrets.key_path(key)])],
	}
}

# Names kept for this control's unit tests.
words(s) := secrets.words(s)

holds_words(ws, kw) if secrets.holds_words(ws, kw)

name_may_hold_secret(name) if secrets.name_may_hold_secret(name)

embeds_password(value) if secrets.embeds_password(value)

not_secret_value(v) if secrets.not_secret_value(v)

key_path(key) := secrets.key_path(key)
