package kubescape.controls.C_0030

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

policies := p if {
	p := object.get(k8s.related, "networkPolicies", [])
	is_array(p)
}

polices(p, dir) if p[dir] == true

allows_all(p, dir) if p[sprintf("%sAllowsAll", [dir])] == true

# open_by lists the selecting policies that allow all traffic in dir.
open_by(dir) := [sprintf("%s %q", [p.kind, p.name]) |
	some p in policies
	polices(p, dir)
	allows_all(p, dir)
]

restricted(dir) if {
	some p in policies
	polices(p, dir)
	count(open_by(dir)) == 0
}

deny contains finding if {
	workload.is_workload
	some dir in ["ingress", "egress"]
	not restricted(dir)
	finding := {
		"msg": sprintf("%s of %s is not restricted: %s", [title[dir], pods, reason(dir)]),
		"reviewPaths": [sprintf("%s.labels", [workload.pod_meta_path])],
	}
}

pods := k8s.describe if input.kind == "Pod"

pods := sprintf("the pods of %s", [k8s.describe]) if input.kind != "Pod"

title := {"ingress": "Ingress", "egress": "Egress"}

reason(_) := "no NetworkPolicy selects them" if count(policies) == 0

reason(dir) := sprintf("none of the NetworkPolicies selecting them (%d) polices %s", [count(policies), dir]) if {
	count(policies) > 0
	not _polices_any(dir)
}

reason(dir) := sprintf("%s selecting them allows all %s", [concat(", ", open_by(dir)), dir]) if {
	count(open_by(dir)) > 0
}

_polices_any(dir) if {
	some p in policies
	polices(p, dir)
}
