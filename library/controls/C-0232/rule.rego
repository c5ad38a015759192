package kubescape.controls.C_0232

import data.kubescape.lib.rbac

deny contains finding if {
	rbac.is_subject
	input.kind == "User"
	name := input.metadata.name
	is_string(name)
	not managed(name)
	count(input.bindings) > 0
	finding := {
		"msg": sprintf("%s is bound to %s: check that it is an IAM identity mapped by an EKS access entry or the aws-auth ConfigMap", [
			rbac.subject_name, concat("; ", [rbac.via({"binding": b, "role": b.role}) | some b in input.bindings]),
		]),
		"reviewPaths": [sprintf("bindings[%d].name", [i]) | some i, _ in input.bindings],
	}
}

# Kubernetes' own identities (and service account users) and EKS's managed users are not
# people to map.
managed(name) if startswith(name, "system:")

managed(name) if startswith(name, "eks:")
