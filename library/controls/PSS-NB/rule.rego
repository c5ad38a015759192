# PSS-NB: a Namespace must enforce the baseline or the restricted Pod Security Standard
# (label pod-security.kubernetes.io/enforce), read as PodSecurity admission reads it (see
# data.kubescape.lib.psa: no label is privileged, an invalid value is enforced as restricted).
package kubescape.controls.PSS_NB

import data.kubescape.lib.pss

deny contains finding if {
	finding := pss.weak_namespace_finding("baseline")
}
