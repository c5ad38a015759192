package kubescape.controls.C_0030

import data.kubescape.lib.k8s
import data.kubescape.lib.workload

# policies are the policies selecting the workload's pods, as the index relates them:
# {"kind", "name", "ingress", "egress", "ingressAllowsAll", "egressAllowsAll", ...}.
policies := p if {
	p := object.get(k8s.related, "networkPolicies", [])
	is_array(p)
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

# A direction is restricted when a selecting policy polices it and none allows all of it.
restricted(dir) if {
	polices_any(dir)
	not open(dir)
}

polices_any(dir) if {
	some p in policies
	p[dir] == true
}

# open: a selecting policy allows all traffic in dir.
open(dir) if {
	some p in policies
	p[dir] == true
	p[allows_all_key[dir]] == true
}

allows_all_key := {"ingress": "ingressAllowsAll", "egress": "egressAllowsAll"}

# open_by lists the selecting policies that allow all traffic in dir.
open_by(dir) := [sprintf("%s %q", [p.kind, p.name]) |
	some p in policies
	p[dir] == true
	p[allows_all_key[dir]] == true
]

pods := k8s.describe if input.kind == "Pod"
else := sprintf("the pods of %s", [k8s.describe])

title := {"ingress": "Ingress", "egress": "Egress"}

# reason explains why dir is not restricted: no selecting policy, none policing dir, or some
# allowing all of it.
reason(dir) := "no NetworkPolicy selects them" if count(policies) == 0
else := sprintf("%s selecting them allows all %s", [concat(", ", open_by(dir)), dir]) if open(dir)
else := sprintf("none of the NetworkPolicies selecting them (%d) polices %s", [count(policies), dir])
