package kubescape.controls.C_0136

import data.kubescape.lib.controlplane as cp

# An external signer (--service-account-signing-endpoint, 1.32 and later) replaces the key files.
deny contains finding if {
	some inst in cp.apiservers
	not cp.flag_set(inst, "service-account-key-file")
	not cp.flag_set(inst, "service-account-signing-endpoint")
	finding := object.union(
		{"msg": sprintf("%s verifies service account tokens without a dedicated public key (it falls back to its TLS serving key, if any): %s", [cp.describe(inst), cp.unset_flags_text(inst, ["service-account-key-file"])])},
		cp.ensure_flags_paths(inst, [["service-account-key-file", "YOUR_VALUE"]]),
	)
}
