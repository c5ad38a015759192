package kubescape.controls.C_0226

import data.kubescape.lib.k8s

deny contains finding if {
	os_image := input.status.nodeInfo.osImage
	is_string(os_image)
	trim_space(os_image) != ""
	not startswith(lower(trim_space(os_image)), "bottlerocket")
	not fargate
	not windows
	finding := {
		"msg": sprintf("Node %q runs %q, not the container-optimized Bottlerocket OS", [k8s.name, os_image]),
		"failedPaths": ["status.nodeInfo.osImage"],
	}
}

fargate if startswith(k8s.name, "fargate-")

fargate if k8s.labels["eks.amazonaws.com/compute-type"] == "fargate"

windows if lower(object.get(input, ["status", "nodeInfo", "operatingSystem"], "")) == "windows"

windows if k8s.labels["kubernetes.io/os"] == "windows"
