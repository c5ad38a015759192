package kubescape.controls.C_0296

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# Kinds whose spec.selector must select their own pod template. A Job's selector is generated
# (and matches) unless manualSelector is true; a ReplicationController without selector takes
# its template's labels.
_checked := true if {
	input.kind in {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"}
} else := true if {
	input.kind == "Job"
	input.spec.manualSelector == true
} else := true if {
	input.kind == "CronJob"
	input.spec.jobTemplate.spec.manualSelector == true
}

# The selector's path: next to the pod template (spec.selector, spec.jobTemplate.spec.selector).
selector_path := concat(".", array.concat(array.slice(parts, 0, count(parts) - 2), ["selector"])) if {
	parts := split(workload.pod_spec_path, ".")
}

selector := object.get(input, split(selector_path, "."), null)

labels_path := sprintf("%s.labels", [workload.pod_meta_path])

labels := l if {
	l := workload.pod_meta.labels
	is_object(l)
} else := {}

# The required labels: matchLabels (a ReplicationController's selector is a plain map), {} when
# missing or not a map.
_required := selector if {
	input.kind == "ReplicationController"
	is_object(selector)
} else := ml if {
	input.kind != "ReplicationController"
	ml := selector.matchLabels
	is_object(ml)
} else := {}

# Where the required labels are.
_required_path := selector_path if input.kind == "ReplicationController"
else := sprintf("%s.matchLabels", [selector_path])

deny contains finding if {
	_checked
	some key, value in _required
	not labels[key] == value # also true when the template lacks the label
	finding := {
		"msg": sprintf("%s: its selector requires the label %s=%v, but its pod template %s, so the selector does not select its own pods", [k8s.describe, key, value, _has_text(key)]),
		"failedPaths": [sprintf("%s%s", [_required_path, _key(key)])],
		"fixPaths": [{"path": sprintf("%s%s", [labels_path, _key(key)]), "value": sprintf("%v", [value])}],
	}
}

_has_text(key) := sprintf("has %s=%v", [key, labels[key]]) if key in object.keys(labels)

_has_text(key) := sprintf("has no label %s", [key]) if not key in object.keys(labels)

deny contains finding if {
	_checked
	input.kind != "ReplicationController"
	exprs := selector.matchExpressions
	is_array(exprs)
	some i, e in exprs
	is_object(e)
	is_string(e.key)
	_unmatched(e)
	finding := {
		"msg": sprintf("%s: its selector requires %s, which its pod template labels do not satisfy, so the selector does not select its own pods", [k8s.describe, _describe_expr(e)]),
		"failedPaths": [sprintf("%s.matchExpressions[%d]", [selector_path, i])],
		"reviewPaths": [labels_path],
	}
}

# A requirement its pod template labels do not satisfy (unknown operators are left alone: the API
# server rejects them).
_unmatched(e) if {
	e.operator == "In"
	not _value_in(e)
}

_unmatched(e) if {
	e.operator == "NotIn"
	_value_in(e)
}

_unmatched(e) if {
	e.operator == "Exists"
	not e.key in object.keys(labels)
}

_unmatched(e) if {
	e.operator == "DoesNotExist"
	e.key in object.keys(labels)
}

_value_in(e) if {
	is_array(e.values)
	labels[e.key] in e.values
}

_describe_expr(e) := sprintf("%v %s (%s)", [e.key, e.operator, concat(", ", [sprintf("%v", [v]) | some v in e.values])]) if {
	e.operator in {"In", "NotIn"}
	is_array(e.values)
} else := sprintf("%v %s", [e.key, e.operator])

# Keys with dots, slashes or other special characters are quoted.
_key(k) := sprintf(".%s", [k]) if regex.match(`^[A-Za-z0-9_-]+$`, k)

_key(k) := sprintf("[%q]", [k]) if not regex.match(`^[A-Za-z0-9_-]+$`, k)
