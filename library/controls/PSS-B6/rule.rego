# PSS-B6 Host Ports (baseline, every version): containers[*].ports[*].hostPort must be unset or
# 0 (init and ephemeral containers included).
package kubescape.controls.PSS_B6

import data.kubescape.lib.pss
import data.kubescape.lib.workload

deny contains finding if {
	some c in workload.containers
	ports := c.container.ports
	is_array(ports)
	some j, p in ports
	hp := p.hostPort
	hp != null
	hp != 0
	path := sprintf("%s.ports[%d].hostPort", [c.path, j])
	finding := {
		"msg": sprintf("%s binds the node's port %v (hostPort)", [workload.name_of(c), pss.shown(hp)]),
		"failedPaths": [path],
		"deletePaths": [path],
	}
}
