# Package secrets decides whether a name/value pair (an env var, a ConfigMap entry) looks like a
# credential, from the control inputs sensitiveKeyNames, sensitiveValues and their allow-lists
# sensitiveKeyNamesAllowed and sensitiveValuesAllowed. C-0012 and C-0259 share it.
#
# An entry is sensitive when its name holds a sensitive key name as whole words (DB_PASSWORD,
# apiKey, aws_secret_access_key; not KEYCLOAK_URL or MONKEY), or its value matches a sensitive
# value pattern or is a URL with an embedded user:password. Never sensitive: an allowed name
# (whole name, any case), a value matching an allowed pattern, and values that cannot be a
# credential (empty, a file path, a $(VAR) reference, a boolean or a number). Names ending in a
# pointer word (..._FILE, ..._NAME, ..._URL) or holding the word PUBLIC are judged by value only.
package kubescape.lib.secrets

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# --- Prepared inputs (input-independent: computed once per scan) -----------------------------

allowed_names := {lower(n) | some n in k8s.input_list("sensitiveKeyNamesAllowed"); is_string(n)}

allowed_values := {p | some p in k8s.input_list("sensitiveValuesAllowed"); is_string(p); p != ""; regex.is_valid(p)}

value_patterns := [p | some p in k8s.input_list("sensitiveValues"); is_string(p); p != ""; regex.is_valid(p)]

# Sensitive key names, each split into its words (aws_secret_access_key -> aws secret access key).
key_names := [{"name": k, "words": ws} |
	some k in k8s.input_list("sensitiveKeyNames")
	is_string(k)
	ws := words(k)
	count(ws) > 0
]

# --- Entries -------------------------------------------------------------------------------

# sensitive returns why an entry (name, value) looks like a credential: an empty set when it
# does not, is allowed, or its value is obviously not a secret.
sensitive(name, value) := set() if {
	lower(name) in allowed_names
} else := set() if {
	not_secret_value(value)
} else := set() if {
	some p in allowed_values
	regex.match(p, value)
} else := name_reasons(name) | value_reasons(value)

# literal_env_credentials holds the env vars of input's containers (init and ephemeral
# included) that carry a literal value (no valueFrom) looking like a credential, as
# {"container", "index", "name", "path", "reasons"}: container is the workload.containers entry,
# path the env var's value field, reasons a sorted list.
literal_env_credentials contains entry if {
	some c in workload.containers
	env := c.container.env
	is_array(env)
	some i, e in env
	is_object(e)
	is_string(e.name)
	is_string(e.value)
	object.get(e, "valueFrom", null) == null
	reasons := sensitive(e.name, e.value)
	count(reasons) > 0
	entry := {
		"container": c,
		"index": i,
		"name": e.name,
		"path": sprintf("%s.env[%d].value", [c.path, i]),
		"reasons": sort(reasons),
	}
}

# value_reasons: most values match no pattern and embed no password, which one_value_pattern
# shows with a single test; the patterns are tried one by one only for the others.
value_reasons(value) := set() if {
	regex.match(one_value_pattern, value) == false
	not embeds_password(value)
} else := {r |
	some p in value_patterns
	regex.match(p, value)
	r := sprintf("value matches the sensitive value pattern %q", [p])
} | {r |
	embeds_password(value)
	r := "value is a URL with an embedded password"
}

# one_value_pattern matches where any of value_patterns does: their alternation, each in a
# group of its own (so that a flag such as (?i) keeps to its pattern). Undefined when the
# alternation is not a valid pattern, and then value_reasons tries the patterns one by one.
one_value_pattern := p if {
	p := concat("|", [concat("", ["(?:", q, ")"]) | some q in value_patterns])
	regex.is_valid(p)
}

name_reasons(name) := set() if {
	not name_may_hold_secret(name)
} else := {sprintf("name matches the sensitive key name %q", [k.name]) |
	ws := words(name)
	lname := lower(name)
	some k in key_names
	contains(lname, k.words[0]) # cheap first test: every word of a key name is a part of name
	holds_words(ws, k.words)
}

# name_may_hold_secret is false for names that say they hold something other than the secret
# itself: where to find it (a URL is checked by value instead), whether a feature is on, a
# public key.
name_may_hold_secret(name) if {
	ws := words(name)
	count(ws) > 0
	not "public" in ws
	last := ws[count(ws) - 1]
	not last in pointer_words
	not last in url_words
}

# embeds_password is true for a URL carrying user:password@ with a literal password (not a
# $(VAR) reference).
embeds_password(value) if {
	some m in regex.find_all_string_submatch_n(`[A-Za-z][A-Za-z0-9+.-]*://[^/@\s:]*:([^/@\s]+)@`, value, -1)
	not startswith(m[1], "$")
}

pointer_words := {
	"name", "names", "filename", "file", "files", "path", "paths", "dir", "dirs", "directory",
	"folder", "location", "mount", "ref", "refs", "reference", "id", "ids", "arn", "enabled",
	"enable", "disabled", "disable", "required", "type", "kind", "header", "prefix", "suffix",
	"length", "size", "ttl", "timeout", "expiry", "expiration", "lifetime", "duration", "format",
	"algorithm", "version", "field", "namespace", "provider", "issuer", "audience", "host",
	"hostname", "port",
}

url_words := {"url", "urls", "uri", "uris", "endpoint", "address", "addr"}

# not_secret_value is true for values that cannot be a credential: empty, a boolean or the like,
# a file path (/..., ./..., ~/...), a $(VAR) or ${VAR} reference, or a number. (Two bodies, not
# one per case: every body of a function is evaluated on every call.)
not_secret_value(v) if lower(trim_space(v)) in {"", "true", "false", "yes", "no", "on", "off", "null", "none", "nil"}

not_secret_value(v) if regex.match(`^(/|\./|~/|\$[({][A-Za-z_][A-Za-z0-9_.-]*[)}]$|\s*-?[0-9]+(\.[0-9]+)?\s*$)`, v)

# --- Words ---------------------------------------------------------------------------------

# words splits a name on non-letters and camelCase boundaries, lower-cased:
# "AWSSecretKey" and "aws_secret-key" both give ["aws", "secret", "key"].
words(s) := [lower(w) |
	some w in regex.split(`[^A-Za-z]+`, camel_split(s))
	w != ""
]

camel_split(s) := regex.replace(regex.replace(s, `([A-Z]+)([A-Z][a-z])`, "${1}_${2}"), `([a-z0-9])([A-Z])`, "${1}_${2}")

# holds_words is true when name words ws hold the key words kw consecutively.
holds_words(ws, kw) if {
	n := count(kw)
	count(ws) >= n
	some i in numbers.range(0, count(ws) - n)
	every j, k in kw {
		_word_is(ws[i + j], k, j == (n - 1))
	}
}

_word_is(w, k, _) if w == k

# The last key word may be plural (SECRETS, CREDENTIALS, KEYS).
_word_is(w, k, true) if w == concat("", [k, "s"])

# A long last key word may end a compound word (DBPASSWORD, clientsecret); short ones may not
# (MONKEY, HOCKEY).
_word_is(w, k, true) if {
	count(k) >= 6
	endswith(w, k)
}

# --- Paths ---------------------------------------------------------------------------------

# key_path renders a map key as a path element: .name, or ["a.b"] for keys with dots and the
# like (data["tls.key"]).
key_path(key) := sprintf(".%s", [key]) if regex.match(`^[A-Za-z0-9_-]+$`, key)

key_path(key) := sprintf("[%q]", [key]) if {
	not regex.match(`^[A-Za-z0-9_-]+$`, key)
	not contains(key, `"`)
}

key_path(key) := sprintf("['%s']", [key]) if {
	not regex.match(`^[A-Za-z0-9_-]+$`, key)
	contains(key, `"`)
}
