package kubescape.lib.workload_test

import data.kubescape.lib.workload

deployment := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "w"},
	"spec": {"replicas": 3, "template": {"metadata": {"labels": {"app": "w"}}, "spec": {
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "a"}, {"name": "b"}],
		"volumes": [{"name": "v", "emptyDir": {}}],
	}}},
}

test_paths_per_kind if {
	workload.pod_spec_path == "spec" with input as {"kind": "Pod"}
	workload.pod_spec_path == "spec.template.spec" with input as {"kind": "StatefulSet"}
	workload.pod_spec_path == "spec.jobTemplate.spec.template.spec" with input as {"kind": "CronJob"}
	workload.pod_meta_path == "spec.jobTemplate.spec.template.metadata" with input as {"kind": "CronJob"}
	not workload.is_workload with input as {"kind": "Service"}
}

test_containers_include_init_with_paths if {
	paths := {c.path | some c in workload.containers} with input as deployment
	paths == {
		"spec.template.spec.initContainers[0]",
		"spec.template.spec.containers[0]",
		"spec.template.spec.containers[1]",
	}
}

test_name_of if {
	names := {workload.name_of(c) | some c in workload.containers} with input as deployment
	"init container \"init\"" in names
	"container \"a\"" in names
}

test_replicas if {
	workload.replicas == 3 with input as deployment
	workload.replicas == 1 with input as {"kind": "Pod"}
}

test_volumes if {
	count(workload.volumes) == 1 with input as deployment
}

test_name_of_unnamed if {
	names := {workload.name_of(c) | some c in workload.containers} with input as {"kind": "Pod", "spec": {"containers": [{"image": "x"}]}}
	names == {"container #0 (unnamed)"}
}

test_malformed_lists_ignored if {
	count(workload.containers) == 0 with input as {"kind": "Pod", "spec": {"containers": {"a": {"name": "x"}}}}
	count(workload.volumes) == 0 with input as {"kind": "Pod", "spec": {"volumes": "nope"}}
}
