package kubescape.controls.C_0200

import data.kubescape.lib.psa

# A Namespace enforcing less than restricted (see data.kubescape.lib.psa for the level and the
# policy engines accepted instead).
deny contains finding if {
	finding := psa.weak_namespace_finding("restricted", "containers adding capabilities beyond NET_BIND_SERVICE")
}
