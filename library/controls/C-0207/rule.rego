package kubescape.controls.C_0207

import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	some i, e in c.container.env
	ref := e.valueFrom.secretKeyRef
	is_object(ref)
	finding := {
		"msg": sprintf("%s reads key %q of Secret %q into env var %q", [workload.name_of(c), str(ref, "key"), str(ref, "name"), str(e, "name")]),
		"failedPaths": [sprintf("%s.env[%d].valueFrom.secretKeyRef", [c.path, i])],
	}
}

deny contains finding if {
	some c in workload.containers
	some i, e in c.container.envFrom
	ref := e.secretRef
	is_object(ref)
	finding := {
		"msg": sprintf("%s imports every key of Secret %q as env vars", [workload.name_of(c), str(ref, "name")]),
		"failedPaths": [sprintf("%s.envFrom[%d].secretRef", [c.path, i])],
	}
}

str(obj, key) := v if {
	v := obj[key]
	is_string(v)
} else := "?"
