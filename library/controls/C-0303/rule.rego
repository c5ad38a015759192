package kubescape.controls.C_0303

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

resources := {"cpu": "sandbox_cpu_limit_max", "memory": "sandbox_memory_limit_max"}

# A missing limit.
deny contains finding if {
	some c in containers
	some res, _ in resources
	not has_limit(c.container, res)
	finding := {
		"msg": sprintf("%s: %s sets no %s limit", [k8s.describe, workload.name_of(c), res]),
		"fixPaths": [{"path": sprintf("%s.resources.limits.%s", [c.path, res]), "value": object.get(ceiling_text, res, "YOUR_VALUE")}],
	}
}

# A limit above the configured ceiling.
deny contains finding if {
	some c in containers
	some res, _ in resources
	max := ceiling[res]
	raw := c.container.resources.limits[res]
	quantity(raw) > max
	path := sprintf("%s.resources.limits.%s", [c.path, res])
	finding := {
		"msg": sprintf("%s: %s sets a %s limit of %v, above the sandbox ceiling of %s", [k8s.describe, workload.name_of(c), res, raw, ceiling_text[res]]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": ceiling_text[res]}],
	}
}

has_limit(container, res) if {
	v := container.resources.limits[res]
	v != null
	v != ""
}

# The configured ceilings: the first value of each input that parses as a quantity, as written
# (ceiling_text) and as a number (ceiling). Computed once per scan.
ceiling_text[res] := text if {
	some res, key in resources
	texts := [t | some t in k8s.input_list(key); is_string(t); quantity(t)]
	count(texts) > 0
	text := texts[0]
}

ceiling[res] := quantity(text) if some res, text in ceiling_text

# quantity parses a Kubernetes quantity ("500m", "2", "4Gi", "129e6"); undefined when it cannot.
quantity(q) := units.parse(trim_space(q)) if is_string(q)

quantity(q) := q if is_number(q)

# The pod template of a SandboxTemplate: spec.podTemplate.spec (the project's field), else
# spec.template.spec.
pod_spec_path := "spec.podTemplate.spec" if {
	is_object(object.get(input, ["spec", "podTemplate", "spec"], null))
} else := "spec.template.spec" if {
	is_object(object.get(input, ["spec", "template", "spec"], null))
}

pod_spec := object.get(input, split(pod_spec_path, "."), {})

containers contains {"container": c, "path": sprintf("%s.%s[%d]", [pod_spec_path, kind, i]), "kind": kind, "index": i} if {
	some kind in ["containers", "initContainers"]
	list := object.get(pod_spec, kind, [])
	is_array(list)
	some i, c in list
	is_object(c)
}
