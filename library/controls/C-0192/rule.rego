package kubescape.controls.C_0192

import data.kubescape.lib.k8s
import data.kubescape.lib.psa

# A Namespace with no enforce label, in a cluster without a policy engine webhook. A label whose
# value is invalid still counts: PodSecurity admission enforces "restricted" for it.
deny contains finding if {
	input.kind == "Namespace"
	not psa.has_label(k8s.labels)
	not psa.external_engine_present
	finding := {
		"msg": sprintf("Namespace %q has no %s label and no admission policy engine webhook was found: nothing restricts the pods created in it%s", [
			k8s.name, psa.enforce_label, note,
		]),
		"fixPaths": [{"path": psa.enforce_label_path, "value": "restricted"}],
	}
}

note := " (a Kubernetes system namespace: label it \"privileged\" explicitly if its components need it)" if psa.is_system_namespace

note := "" if not psa.is_system_namespace
