package kubescape.controls.C_0297

import data.kubescape.lib.k8s

deny contains finding if {
	path := sprintf("%s.runtimeClassName", [pod_spec_path])
	not named_class
	finding := {
		"msg": sprintf("%s sets no runtimeClassName: its sandboxes run on the node's default runtime and share the host kernel (hardened classes: %s)", [k8s.describe, concat(", ", classes)]),
		"fixPaths": [{"path": path, "value": fix_value}],
	}
}

deny contains finding if {
	path := sprintf("%s.runtimeClassName", [pod_spec_path])
	named_class
	rc := pod_spec.runtimeClassName
	not lower(rc) in hardened
	finding := {
		"msg": sprintf("%s runs its sandboxes with runtime class %q, which is not a hardened sandbox runtime (%s)", [k8s.describe, rc, concat(", ", classes)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": fix_value}],
	}
}

named_class if {
	rc := object.get(pod_spec, "runtimeClassName", "")
	is_string(rc)
	trim_space(rc) != ""
}

# The configured classes, as written and lower-cased; computed once per scan.
classes := [c | some c in k8s.input_list("hardenedSandboxRuntimeClasses"); is_string(c); trim_space(c) != ""]

hardened := {lower(trim_space(c)) | some c in classes}

fix_value := classes[0] if {
	count(classes) > 0
} else := "YOUR_VALUE"

# The pod template of a SandboxTemplate: spec.podTemplate.spec (the project's field), else
# spec.template.spec.
pod_spec_path := "spec.podTemplate.spec" if {
	is_object(object.get(input, ["spec", "podTemplate", "spec"], null))
} else := "spec.template.spec" if {
	is_object(object.get(input, ["spec", "template", "spec"], null))
}

pod_spec := object.get(input, split(pod_spec_path, "."), {})
