package kubescape.controls.C_0303_test

import data.kubescape.controls.C_0303

tpl(limits) := {"apiVersion": "extensions.agents.x-k8s.io/v1alpha1", "kind": "SandboxTemplate", "metadata": {"name": "t"}, "spec": {"podTemplate": {"spec": {"containers": [{"name": "c", "resources": {"limits": limits}}]}}}}

findings(limits, inputs) := f if {
	f := C_0303.deny with input as tpl(limits) with data.kubescape.inputs as inputs
}

ceilings := {"sandbox_cpu_limit_max": ["1500m"], "sandbox_memory_limit_max": ["2Gi"]}

test_numbers if count(findings({"cpu": 1, "memory": 1073741824}, ceilings)) == 0

test_cpu_above if count(findings({"cpu": 2, "memory": "1Gi"}, ceilings)) == 1

test_unparseable_limit_not_judged if count(findings({"cpu": "lots", "memory": "1Gi"}, ceilings)) == 0

test_unparseable_ceiling_skipped if {
	count(findings({"cpu": "64", "memory": "1Ti"}, {"sandbox_cpu_limit_max": ["big", "8"], "sandbox_memory_limit_max": ["??"]})) == 1
}

test_no_ceilings if count(findings({"cpu": "64", "memory": "1Ti"}, {})) == 0

test_null_limit if count(findings({"cpu": null, "memory": "1Gi"}, {})) == 1

test_limits_wrong_type if count(findings("1 cpu", {})) == 2

test_no_pod_spec if {
	count(C_0303.deny) == 0 with input as {"kind": "SandboxTemplate", "metadata": {"name": "t"}, "spec": {}}
}
