# PSS-B3 Privileged Containers (baseline, every version): no container (init and ephemeral
# included) may set securityContext.privileged to true.
package kubescape.controls.PSS_B3

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	# read directly rather than through sc.container_sc: the same on a securityContext that is
	# not an object (no field of it is defined), one call less per container
	c.container.securityContext.privileged == true
	path := pss.field_path(c, "privileged")
	finding := {
		"msg": sprintf("%s sets securityContext.privileged: true", [workload.name_of(c)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
