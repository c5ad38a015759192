package kubescape.controls.C_0077

import data.kubescape.lib.k8s

# The configured labels, in order, trimmed.
recommended := [l |
	some raw in k8s.input_list("k8sRecommendedLabels")
	is_string(raw)
	l := trim_space(raw)
	l != ""
]

deny contains finding if {
	count(recommended) > 0
	not _owned
	not _labelled
	path := sprintf("metadata.labels%s", [_key(recommended[0])])
	finding := {
		"msg": sprintf("%s carries none of the Kubernetes common labels (%s)", [k8s.describe, concat(", ", recommended)]),
		"fixPaths": [{"path": path, "value": "YOUR_VALUE"}],
	}
}

# recommended_set holds the same labels, for one set intersection per object.
recommended_set := {l | some l in recommended}

_labelled if {
	labels := k8s.labels
	is_object(labels)
	count(object.keys(labels) & recommended_set) > 0
}

# Objects a controller created (the pods of a ReplicaSet, the ReplicaSets of a Deployment, the
# Jobs of a CronJob) take their labels from their owner's template: the owner is reported.
_owned if {
	some ref in input.metadata.ownerReferences
	ref.controller == true
}

# Keys with dots, slashes or other special characters are quoted.
_key(k) := sprintf(".%s", [k]) if regex.match(`^[A-Za-z0-9_-]+$`, k)

_key(k) := sprintf("[%q]", [k]) if not regex.match(`^[A-Za-z0-9_-]+$`, k)
