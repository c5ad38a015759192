package kubescape.controls.C_0126

import data.kubescape.lib.controlplane as cp

deny contains finding if {
	some inst in cp.apiservers
	not cp.admission_plugin_enabled(inst, "NamespaceLifecycle")
	finding := object.union(
		{"msg": sprintf("%s does not run the NamespaceLifecycle admission plugin (%s), so objects can be created in terminating or missing namespaces and system namespaces can be deleted", [cp.describe(inst), cp.admission_plugin_off_text(inst, "NamespaceLifecycle")])},
		cp.enable_admission_plugin_paths(inst, "NamespaceLifecycle"),
	)
}
