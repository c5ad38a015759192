package kubescape.controls.C_0118

import data.kubescape.lib.controlplane as cp

# authorization_modes is undefined under --authorization-config (the chain is in a file): no
# finding then.
deny contains finding if {
	some inst in cp.apiservers
	modes := cp.authorization_modes(inst)
	"AlwaysAllow" in modes
	finding := object.union(
		{"msg": sprintf("%s authorizes every request (AlwaysAllow): it runs with %s", [cp.describe(inst), cp.authorization_mode_text(inst)])},
		_paths(inst),
	)
}

_rest(inst) := [m | some m in cp.flag_list(inst, "authorization-mode"); m != "AlwaysAllow"]

# Without the flag: add it.
_paths(inst) := cp.add_flag_paths(inst, "authorization-mode", "Node,RBAC") if {
	not cp.has_flag(inst, "authorization-mode")
}

# Other authorizers remain: take AlwaysAllow out of every occurrence naming it.
_paths(inst) := cp.merge_paths([cp.drop_item_paths(f, "AlwaysAllow") |
	some f in cp.occurrences(inst, "authorization-mode")
	"AlwaysAllow" in cp.list_items(f.value)
]) if {
	cp.has_flag(inst, "authorization-mode")
	count(_rest(inst)) > 0
}

# Nothing else is configured: the occurrence in effect becomes Node,RBAC, the others go.
_paths(inst) := cp.merge_paths(array.concat(
	[cp.set_flag_paths(cp.flag(inst, "authorization-mode"), "Node,RBAC")],
	[cp.drop_item_paths(f, "AlwaysAllow") |
		some i, f in occ
		i < count(occ) - 1
		"AlwaysAllow" in cp.list_items(f.value)
	],
)) if {
	cp.has_flag(inst, "authorization-mode")
	count(_rest(inst)) == 0
	occ := cp.occurrences(inst, "authorization-mode")
}
