# PSS-B1 HostProcess (baseline, every version): neither the pod nor any container (init and
# ephemeral included) may set securityContext.windowsOptions.hostProcess to true.
package kubescape.controls.PSS_B1

import data.kubescape.lib.pss
import data.kubescape.lib.security_context as sc
import data.kubescape.lib.workload

deny contains finding if {
	sc.pod_sc.windowsOptions.hostProcess == true
	path := pss.pod_field_path("windowsOptions.hostProcess")
	finding := {
		"msg": "the pod sets securityContext.windowsOptions.hostProcess: true: its Windows containers run as processes on the host",
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}

deny contains finding if {
	some c in workload.containers
	# read directly rather than through sc.container_sc: the same on a securityContext that is
	# not an object (no field of it is defined), one call less per container
	c.container.securityContext.windowsOptions.hostProcess == true
	path := pss.field_path(c, "windowsOptions.hostProcess")
	finding := {
		"msg": sprintf("%s sets securityContext.windowsOptions.hostProcess: true: it runs as a process on the Windows host", [workload.name_of(c)]),
		"failedPaths": [path],
		"fixPaths": [{"path": path, "value": "false"}],
	}
}
