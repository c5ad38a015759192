package kubescape.controls.C_0196

import data.kubescape.lib.psa

# A Namespace enforcing less than baseline (see data.kubescape.lib.psa for the level and the
# policy engines accepted instead).
deny contains finding if {
	finding := psa.weak_namespace_finding("baseline", "pods sharing the host's network namespace (hostNetwork)")
}
