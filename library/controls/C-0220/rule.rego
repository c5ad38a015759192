package kubescape.controls.C_0220

import data.kubescape.lib.k8s

drops := d if {
	d := object.get(input, ["spec", "requiredDropCapabilities"], [])
	is_array(d)
}

drops := [] if not is_array(object.get(input, ["spec", "requiredDropCapabilities"], []))

drops_all if {
	some c in drops
	is_string(c)
	upper(trim_space(c)) == "ALL"
}

present if {
	spec := object.get(input, "spec", {})
	is_object(spec)
	"requiredDropCapabilities" in object.keys(spec)
}

deny contains finding if {
	input.kind == "PodSecurityPolicy"
	not drops_all
	finding := object.union(
		{
			"msg": sprintf("PodSecurityPolicy %q does not require dropping ALL capabilities (%s), so containers keep the runtime's defaults", [k8s.name, why]),
			"fixPaths": [{"path": sprintf("spec.requiredDropCapabilities[%d]", [count(drops)]), "value": "ALL"}],
		},
		failed,
	)
}

why := "spec.requiredDropCapabilities is not set" if not present

why := sprintf("spec.requiredDropCapabilities lists only %s", [concat(", ", [sprintf("%v", [c]) | some c in drops])]) if {
	present
	count(drops) > 0
}

why := "spec.requiredDropCapabilities is empty" if {
	present
	count(drops) == 0
}

failed := {"failedPaths": ["spec.requiredDropCapabilities"]} if present

failed := {} if not present
