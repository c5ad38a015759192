package kubescape.controls.C_0143

import data.kubescape.lib.controlplane as cp

# The strong cipher suites: the TLS 1.3 suites and the TLS 1.2 suites with an ephemeral ECDHE key
# exchange (forward secrecy) and an AEAD cipher (AES-GCM or ChaCha20-Poly1305), in Go's names.
# Everything else is weak here: CBC modes, RC4 and 3DES, SHA-1 MACs, and the TLS_RSA_* suites,
# whose RSA key exchange has no forward secrecy.
strong_cipher_suites := [
	"TLS_AES_128_GCM_SHA256",
	"TLS_AES_256_GCM_SHA384",
	"TLS_CHACHA20_POLY1305_SHA256",
	"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
	"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
]

_strong := {s | some s in strong_cipher_suites}

# The list proposed when none is given: the suites above without the duplicate CHACHA20 names.
_recommended := concat(",", [s | some s in strong_cipher_suites; not endswith(s, "POLY1305")])

# With --tls-min-version=VersionTLS13 the TLS 1.2 list is never used: nothing to check.
deny contains finding if {
	some inst in cp.apiservers
	not _tls13_only(inst)
	count(cp.flag_list(inst, "tls-cipher-suites")) == 0
	finding := object.union(
		{"msg": sprintf("%s sets no --tls-cipher-suites, so it accepts Go's default suites, including CBC-mode ones", [cp.describe(inst)])},
		cp.ensure_flags_paths(inst, [["tls-cipher-suites", _recommended]]),
	)
}

deny contains finding if {
	some inst in cp.apiservers
	not _tls13_only(inst)
	weak := [s | some s in cp.flag_list(inst, "tls-cipher-suites"); not s in _strong]
	count(weak) > 0
	finding := object.union(
		{"msg": sprintf("%s allows weak TLS cipher suites: %s", [cp.describe(inst), concat(", ", weak)])},
		cp.merge_paths([_fix(f) | some f in cp.occurrences(inst, "tls-cipher-suites"); _has_weak(f)]),
	)
}

_tls13_only(inst) if trim_space(cp.flag_value(inst, "tls-min-version")) == "VersionTLS13"

_has_weak(f) if {
	some s in cp.list_items(f.value)
	not s in _strong
}

# Each occurrence keeps its strong suites; one with none left gets the recommended list.
_fix(f) := cp.set_flag_paths(f, concat(",", kept)) if {
	kept := [s | some s in cp.list_items(f.value); s in _strong]
	count(kept) > 0
}

_fix(f) := cp.set_flag_paths(f, _recommended) if {
	count([s | some s in cp.list_items(f.value); s in _strong]) == 0
}
