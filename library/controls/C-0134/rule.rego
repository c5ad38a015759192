package kubescape.controls.C_0134

import data.kubescape.lib.controlplane as cp

# An absent --request-timeout is the default of 60s and passes. A value is left for review when
# it is no valid duration, is not positive, or exceeds 300s, the largest value the CIS Benchmark
# gives as an example: long timeouts let slow clients hold API server connections and memory.
_max_ns := 300 * 1000000000

deny contains finding if {
	some inst in cp.apiservers
	f := cp.flag(inst, "request-timeout")
	why := _unusual(trim_space(f.value))
	finding := {
		"msg": sprintf("%s sets --request-timeout=%s, which %s: check that it is intended", [cp.describe(inst), f.value, why]),
		"reviewPaths": cp.flag_paths(f),
	}
}

# Go duration syntax, as time.ParseDuration reads it ("1m30s", "90s", "0").
_duration_syntax := `^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$`

_unusual(v) := "is not a valid duration (a unit such as s or m is required)" if not regex.match(_duration_syntax, v)

_unusual(v) := "is not a positive duration" if {
	regex.match(_duration_syntax, v)
	time.parse_duration_ns(v) <= 0
}

_unusual(v) := "is longer than 300s" if {
	regex.match(_duration_syntax, v)
	time.parse_duration_ns(v) > _max_ns
}
