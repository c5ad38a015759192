package kubescape.controls.C_0050

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# --- Control inputs (computed once per scan) -------------------------------------------------

# bounds maps each configured input to {"q": bytes, "raw": value}: the first value of the list
# that is a valid quantity. An empty list (or one with no valid value) sets no bound.
bounds[name] := {"q": q, "raw": vals[0].raw} if {
	some name in ["cpu_request_min", "cpu_request_max", "cpu_limit_min", "cpu_limit_max"]
	vals := [{"q": q, "raw": x} |
		some x in k8s.input_list(name)
		q := input_quantity(x)
	]
	count(vals) > 0
	q := vals[0].q
}

# --- Kubernetes quantities -------------------------------------------------------------------

# quantity(v) is the value of a Kubernetes quantity in base units (bytes for memory, cores for
# CPU): a JSON number, or a string "<number><suffix>" with a binary (Ki Mi Gi Ti Pi Ei), decimal
# (n u m k M G T P E) or exponent (e3, E-2) suffix. Undefined for anything the API server would
# reject ("1K", "1 Gi", "one").
quantity(v) := v if is_number(v)

quantity(v) := q if {
	is_string(v)
	m := regex.find_all_string_submatch_n(
		`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([eE][+-]?[0-9]+|[a-zA-Z]*)$`,
		trim_space(v), 1,
	)[0]
	q := _scale(_digits(m[1]), m[2], _decimal)
}

# Control inputs are read a little more leniently: "K" is taken as "k".
input_quantity(v) := q if {
	is_string(v)
	m := regex.find_all_string_submatch_n(
		`^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([eE][+-]?[0-9]+|[a-zA-Z]*)$`,
		trim_space(v), 1,
	)[0]
	q := _scale(_digits(m[1]), m[2], object.union(_decimal, {"K": 3}))
}

# Decimal suffixes as powers of ten: the number is rebuilt as "<digits>e<exp>", which OPA reads
# exactly ("500m" is exactly 0.5, where 500 * 0.001 would not be).
_decimal := {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}

_binary := {
	"Ki": 1024,
	"Mi": 1048576,
	"Gi": 1073741824,
	"Ti": 1099511627776,
	"Pi": 1125899906842624,
	"Ei": 1152921504606846976,
}

_scale(num, suffix, decimal) := to_number(sprintf("%se%d", [num, decimal[suffix]])) if decimal[suffix]

_scale(num, suffix, _) := to_number(num) * _binary[suffix]

_scale(num, suffix, _) := to_number(sprintf("%se%s", [num, substring(suffix, 1, -1)])) if {
	regex.match(`^[eE][+-]?[0-9]+$`, suffix)
}

# "1." and ".5" are valid quantities; give them the digits Go's number parser wants.
_digits(s) := d if {
	a := regex.replace(s, `\.$`, ".0")
	d := regex.replace(a, `^([+-]?)\.`, "${1}0.")
}

# --- Container values ------------------------------------------------------------------------

# A container, or the pod spec (pod-level resources), sets a value when resources.<kind>.cpu
# is set: workload.quantity_set(object.get(obj, ["resources", kind, "cpu"], null)).
_path(c, kind) := sprintf("%s.resources.%s.cpu", [c.path, kind])

# The field is a failed path only when it is there (empty, null or of the wrong type).
_present(c, kind) := [_path(c, kind)] if {
	section := c.container.resources[kind]
	is_object(section)
	"cpu" in object.keys(section)
} else := []

# An init container without restartPolicy: Always runs to completion before the app starts;
# the pod's reservation already covers it, so only its limit matters.
_one_shot(c) if {
	c.kind == "initContainers"
	object.get(c.container, "restartPolicy", "") != "Always"
}

# --- Findings --------------------------------------------------------------------------------

# Most containers have both values: each body first tests the container's values and only then
# looks at the pod, names and paths. Pod-level resources (spec.resources) bound every container
# of the pod.
deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "limits", "cpu"], null)) == false
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "limits", "cpu"], null)) == false
	path := _path(c, "limits")
	finding := {
		"msg": sprintf("%s has no CPU limit", [workload.name_of(c)]),
		"failedPaths": _present(c, "limits"),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# Without a request the API server uses the limit as request: only a container with neither
# has no request.
deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "limits", "cpu"], null)) == false
	workload.quantity_set(object.get(c.container, ["resources", "requests", "cpu"], null)) == false
	not _one_shot(c)
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "requests", "cpu"], null)) == false
	workload.quantity_set(object.get(workload.pod_spec, ["resources", "limits", "cpu"], null)) == false
	path := _path(c, "requests")
	finding := {
		"msg": sprintf("%s has no CPU request", [workload.name_of(c)]),
		"failedPaths": _present(c, "requests"),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# Set values that are not valid quantities or are outside the configured bounds.
deny contains finding if {
	some c in workload.regular_containers
	some kind in ["requests", "limits"]
	v := object.get(c.container, ["resources", kind, "cpu"], null)
	some problem in _problems(kind, v)
	finding := {
		"msg": sprintf("%s has a CPU %s of %v, %s", [workload.name_of(c), _singular[kind], v, problem]),
		"failedPaths": [_path(c, kind)],
		"fixPaths": [{"path": _path(c, kind), "value": "YOUR_VALUE"}],
	}
}

_singular := {"requests": "request", "limits": "limit"}

# _problems(kind, v) says what is wrong with the value v of kind: nothing when v is not set,
# else whether it is not a quantity or out of the configured bounds. For a scalar v (the usual
# case) the scanner computes it once per scan for each value, not once per container.
_problems(kind, v) := set() if {
	workload.quantity_set(v) == false
} else := _out_of_bounds(kind, q) if {
	q := quantity(v)
} else := {"which is not a valid Kubernetes quantity"}

# A container with a limit and no request gets the limit as request: that request must be within
# the request bounds too.
deny contains finding if {
	some c in workload.regular_containers
	workload.quantity_set(object.get(c.container, ["resources", "requests", "cpu"], null)) == false
	v := object.get(c.container, ["resources", "limits", "cpu"], null)
	workload.quantity_set(v)
	q := quantity(v)
	some problem in _out_of_bounds("requests", q)
	finding := {
		"msg": sprintf("%s has no CPU request, so its request defaults to its limit of %v, %s", [workload.name_of(c), v, problem]),
		"failedPaths": [_path(c, "limits")],
		"fixPaths": [{"path": _path(c, "requests"), "value": "YOUR_VALUE"}],
	}
}

_out_of_bounds(kind, q) := {p |
	b := bounds[sprintf("cpu_%s_min", [_singular[kind]])]
	q < b.q
	p := sprintf("below the minimum of %s", [b.raw])
} | {p |
	b := bounds[sprintf("cpu_%s_max", [_singular[kind]])]
	q > b.q
	p := sprintf("above the maximum of %s", [b.raw])
}
