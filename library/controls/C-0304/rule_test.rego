package kubescape.controls.C_0304_test

import data.kubescape.controls.C_0304

tpl(img) := {"apiVersion": "extensions.agents.x-k8s.io/v1alpha1", "kind": "SandboxTemplate", "metadata": {"name": "t"}, "spec": {"podTemplate": {"spec": {"containers": [{"name": "c", "image": img}]}}}}

findings(img, inputs) := f if {
	f := C_0304.deny with input as tpl(img) with data.kubescape.inputs as inputs
}

test_registry_port_no_tag if count(findings("localhost:5000/agent", {})) == 1

test_registry_port_tag if count(findings("localhost:5000/agent:1.0", {})) == 0

test_latest_any_case if count(findings("example/agent:LATEST", {})) == 1

test_image_wrong_type if count(findings(42, {"imageRepositoryAllowList": ["ghcr.io"]})) == 0

test_registry_entry if count(findings("ghcr.io/org/agent:1.0", {"imageRepositoryAllowList": ["ghcr.io/"]})) == 0

test_entry_case if count(findings("GHCR.io/Org/agent:1.0", {"imageRepositoryAllowList": ["ghcr.io/org"]})) == 0

test_written_name if count(findings("myorg/agent:1.0", {"imageRepositoryAllowList": ["myorg"]})) == 0

test_invalid_regex_ignored if count(findings("myorg/agent:1.0", {"imageRepositoryAllowList": ["^(", "myorg"]})) == 0

test_only_invalid_entries if count(findings("myorg/agent:1.0", {"imageRepositoryAllowList": ["^("]})) == 0
