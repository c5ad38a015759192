package kubescape.lib.rbac_test

import data.kubescape.lib.rbac

subject(rules) := {
	"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"},
	"bindings": [{"kind": "ClusterRoleBinding", "name": "b", "namespace": "", "role": {"kind": "ClusterRole", "name": "r", "rules": rules}}],
}

test_exact_grant if {
	g := rbac.grants(["create"], ["pods/exec"], [""]) with input as subject([{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}])
	count(g) == 1
}

test_wildcards if {
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 1 with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 0 with input as subject([{"apiGroups": [""], "resources": ["pods/*"], "verbs": ["create"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 1 with input as subject([{"apiGroups": [""], "resources": ["*/exec"], "verbs": ["create"]}])
}

test_no_grant if {
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 0 with input as subject([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}])
	count(rbac.grants(["create"], ["pods/exec"], [""])) == 0 with input as subject([{"apiGroups": ["apps"], "resources": ["*"], "verbs": ["*"]}])
}

test_is_subject if {
	rbac.is_subject with input as subject([])
	not rbac.is_subject with input as {"apiVersion": "v1", "kind": "ServiceAccount"}
}

test_via if {
	g := {"binding": {"kind": "RoleBinding", "name": "b", "namespace": "ns"}, "role": {"kind": "ClusterRole", "name": "edit"}}
	rbac.via(g) == "RoleBinding \"ns/b\" -> ClusterRole \"edit\""
}

named(kind, name) := {"apiVersion": "kubescape.io/v1", "kind": kind, "metadata": {"name": name}, "bindings": []}

test_builtin_subjects if {
	rbac.is_builtin_subject with input as named("Group", "system:masters")
	rbac.is_builtin_subject with input as named("User", "system:kube-controller-manager")
	rbac.is_builtin_subject with input as named("Group", "system:nodes")
	not rbac.is_builtin_subject with input as named("User", "system:anonymous")
	not rbac.is_builtin_subject with input as named("Group", "system:unauthenticated")
	not rbac.is_builtin_subject with input as named("Group", "system:authenticated")
	not rbac.is_builtin_subject with input as named("Group", "system:serviceaccounts")
	not rbac.is_builtin_subject with input as named("Group", "system:serviceaccounts:ci")
	not rbac.is_builtin_subject with input as named("User", "system:serviceaccount:ci:deployer")
	not rbac.is_builtin_subject with input as named("User", "jane")
	not rbac.is_builtin_subject with input as {"apiVersion": "kubescape.io/v1", "kind": "ServiceAccount", "metadata": {"name": "system:x", "namespace": "ns"}}
	not rbac.is_builtin_subject with input as {"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": 7}}
}

sa(ns, binding, role_kind, role) := {
	"apiVersion": "kubescape.io/v1", "kind": "ServiceAccount", "metadata": {"name": "x", "namespace": ns},
	"bindings": [{"kind": "ClusterRoleBinding", "name": binding, "namespace": "", "role": {"kind": role_kind, "name": role, "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["delete"]}]}}],
}

test_builtin_grant if {
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 0 with input as sa("kube-system", "system:controller:namespace-controller", "ClusterRole", "system:controller:namespace-controller")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("kube-system", "tiller", "ClusterRole", "system:controller:namespace-controller")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("kube-system", "system:x", "ClusterRole", "cluster-admin")
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as sa("apps", "system:x", "ClusterRole", "system:y")
}

test_reportable_grants_skip_builtin_subjects if {
	s := object.union(subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]), {"metadata": {"name": "system:masters"}, "kind": "Group"})
	count(rbac.grants(["delete"], ["pods"], [""])) == 1 with input as s
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 0 with input as s
	count(rbac.reportable_grants(["delete"], ["pods"], [""])) == 1 with input as subject([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
}

test_resource_names if {
	rbac.resource_names({"resourceNames": ["a"]}) == ["a"]
	rbac.resource_names({}) == []
	rbac.resource_names({"resourceNames": "a"}) == []
	rbac.names_allow({}, "coredns")
	rbac.names_allow({"resourceNames": []}, "coredns")
	rbac.names_allow({"resourceNames": ["other", "coredns"]}, "coredns")
	not rbac.names_allow({"resourceNames": ["other"]}, "coredns")
}

test_access if {
	rbac.access({"verbs": ["*"], "resources": ["*"]}, ["delete", "deletecollection"], ["pods", "secrets"]) == "delete/deletecollection pods, secrets"
	rbac.access({"verbs": ["get", "delete"], "resources": ["*/exec"]}, ["create", "get"], ["pods/exec"]) == "get pods/exec"
	rbac.access({"verbs": ["delete"], "resources": ["secrets", "configmaps"]}, ["delete"], ["pods", "secrets"]) == "delete secrets"
}

test_only_names if {
	rbac.only_names({"resourceNames": ["a", "b"]}) == " (only \"a\", \"b\")"
	rbac.only_names({}) == ""
}

test_rule_allows if {
	rbac.rule_allows({"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["create"]}, ["create"], ["deployments"], ["apps"])
	rbac.rule_allows({"resources": ["pods"], "verbs": ["*"]}, ["create"], ["pods"], [""])
	not rbac.rule_allows({"apiGroups": [""], "resources": ["deployments"], "verbs": ["create"]}, ["create"], ["deployments"], ["apps"])
	not rbac.rule_allows({"apiGroups": ["apps"], "resources": ["deployments"], "verbs": "create"}, ["create"], ["deployments"], ["apps"])
}

test_bound_rules_skip_odd_entries if {
	bindings := [{"kind": "RoleBinding", "name": "b", "namespace": "ns", "role": {"kind": "Role", "name": "r", "rules": ["x", {"verbs": ["get"]}, 3]}}]
	rules := rbac.bound_rules(bindings)
	count(rules) == 1
	some g in rules
	g.path == "bindings[0].role.rules[1]"
	count(rbac.bound_rules("x")) == 0
	count(rbac.bound_rules([{"kind": "RoleBinding", "name": "b", "role": {"rules": "x"}}])) == 0
}

test_reportable_rules if {
	count(rbac.reportable_rules) == 1 with input as subject([{"verbs": ["get"], "resources": ["pods"]}])
	count(rbac.reportable_rules) == 0 with input as named("Group", "system:masters")
	count(rbac.reportable_rules) == 0 with input as sa("kube-system", "system:controller:x", "ClusterRole", "system:controller:x")
	count(rbac.reportable_rules) == 0 with input as {"apiVersion": "kubescape.io/v1", "kind": "User", "metadata": {"name": "jane"}}
}

test_is_builtin_binding if {
	rbac.is_builtin_binding("kube-system", {"name": "system:coredns", "role": {"kind": "ClusterRole", "name": "system:coredns"}})
	not rbac.is_builtin_binding("apps", {"name": "system:coredns", "role": {"kind": "ClusterRole", "name": "system:coredns"}})
	not rbac.is_builtin_binding("kube-system", {"name": "coredns", "role": {"kind": "ClusterRole", "name": "system:coredns"}})
	not rbac.is_builtin_binding("kube-system", {"name": "system:x", "role": {"kind": "Role", "name": "system:x"}})
}

test_effective_verbs if {
	rbac.effective_verbs({"verbs": ["create", "update"]}, ["create", "update", "patch"]) == ["create", "update"]
	rbac.effective_verbs({"verbs": ["*"], "resourceNames": ["x"]}, ["create", "update", "deletecollection"]) == ["update"]
}

test_reaches_cluster_scope if {
	rbac.reaches_cluster_scope({"binding": {"kind": "ClusterRoleBinding"}})
	not rbac.reaches_cluster_scope({"binding": {"kind": "RoleBinding"}})
	rbac.scope({"kind": "RoleBinding", "namespace": "ns"}) == "in namespace \"ns\""
	rbac.scope({"kind": "ClusterRoleBinding", "namespace": ""}) == "cluster-wide"
}

test_impersonates if {
	rbac.impersonates({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}) == ["users", "groups", "serviceaccounts", "userextras/*"]
	rbac.impersonates({"apiGroups": ["authentication.k8s.io"], "resources": ["userextras/scopes", "uids"], "verbs": ["impersonate"]}) == ["userextras/scopes"]
	rbac.impersonates({"apiGroups": [""], "resources": ["users"], "verbs": ["get"]}) == []
	rbac.impersonates({"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["users"], "verbs": ["impersonate"]}) == []
	rule := {"apiGroups": [""], "resources": ["users", "serviceaccounts"], "verbs": ["impersonate"]}
	rbac.impersonated({"binding": {"kind": "ClusterRoleBinding"}, "rule": rule}) == ["users", "serviceaccounts"]
	rbac.impersonated({"binding": {"kind": "RoleBinding"}, "rule": rule}) == ["serviceaccounts"]
}

test_pod_resources if {
	rbac.pod_resources({"apiGroups": ["", "batch"], "resources": ["pods", "jobs", "services"], "verbs": ["create"]}, ["create"]) == ["pods", "jobs"]
	rbac.pod_resources({"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"], "verbs": ["create"]}, ["create"]) == []
	rbac.pod_resources({"apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"], "verbs": ["create", "patch"]}, ["create", "patch"]) == ["deployments"]
}

test_elevation if {
	rbac.elevation({"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}) == []
	rbac.elevation({"nonResourceURLs": ["/healthz", "/version"], "verbs": ["get"]}) == []
	rbac.elevation({"apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews"], "verbs": ["create"]}) == []
	rbac.elevation({"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]}) == ["create subjectaccessreviews"]
	rbac.elevation({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["x"], "verbs": ["get"]}) == ["reading secrets"]
	rbac.elevation({"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["get"]}) == ["get pods/exec"]
	rbac.elevation({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}) == ["\"*\" verbs", "\"*\" resources"]
	rbac.elevation({"nonResourceURLs": ["*"], "verbs": ["get"]}) == ["\"*\" non-resource URLs"]
	rbac.elevation({"verbs": "create", "resources": 3}) == []
}

deployment(spec) := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
	"spec": {"template": {"spec": object.union({"containers": [{"name": "c", "image": "x"}]}, spec)}},
}

related_sa(sa) := {"related": {"apps/v1/shop/Deployment/web": {"serviceAccount": sa}}}

test_token_mount_default if {
	m := rbac.token_mount with input as deployment({}) with data.kubescape.index as related_sa({"name": "default", "found": false})
	m.failedPaths == []
	m.fixPaths == [{"path": "spec.template.spec.automountServiceAccountToken", "value": "false"}]
	rbac.service_account_id == "shop/default" with input as deployment({})
	rbac.service_account_paths == [] with input as deployment({})
}

test_token_mount_disabled if {
	not rbac.token_mount with input as deployment({"automountServiceAccountToken": false})
	not rbac.token_mount with input as deployment({}) with data.kubescape.index as related_sa({"name": "default", "found": true, "automountServiceAccountToken": false})
}

test_token_mount_pod_overrides_account if {
	m := rbac.token_mount with input as deployment({"automountServiceAccountToken": true}) with data.kubescape.index as related_sa({"name": "x", "found": true, "automountServiceAccountToken": false})
	m.failedPaths == ["spec.template.spec.automountServiceAccountToken"]
}

test_token_mount_projected if {
	volumes := [
		{"name": "aws", "projected": {"sources": [{"serviceAccountToken": {"audience": "sts.amazonaws.com", "path": "t"}}]}},
		{"name": "api", "projected": {"sources": [{"configMap": {"name": "x"}}, {"serviceAccountToken": {"path": "t"}}]}},
	]
	m := rbac.token_mount with input as deployment({"automountServiceAccountToken": false, "volumes": volumes})
	m.failedPaths == ["spec.template.spec.volumes[1].projected.sources[1].serviceAccountToken"]
	m.fixPaths == []
	not rbac.token_mount with input as deployment({"automountServiceAccountToken": false, "volumes": [volumes[0]]})
}

test_service_account_paths if {
	rbac.service_account_paths == ["spec.template.spec.serviceAccountName"] with input as deployment({"serviceAccountName": "a", "serviceAccount": "b"})
	rbac.service_account_paths == ["spec.template.spec.serviceAccount"] with input as deployment({"serviceAccount": "b"})
	rbac.service_account_id == "shop/a" with input as deployment({"serviceAccountName": "a"}) with data.kubescape.index as related_sa({"name": "a", "found": false})
}

test_service_account_rules_skip_builtin if {
	kube := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "coredns", "namespace": "kube-system"}, "spec": {"template": {"spec": {"serviceAccountName": "coredns"}}}}
	b := {"kind": "ClusterRoleBinding", "name": "system:coredns", "namespace": "", "role": {"kind": "ClusterRole", "name": "system:coredns", "rules": [{"verbs": ["list"], "resources": ["pods"]}]}}
	idx := {"related": {"apps/v1/kube-system/Deployment/coredns": {"serviceAccount": {"name": "coredns", "found": true, "bindings": [b]}}}}
	count(rbac.service_account_rules) == 0 with input as kube with data.kubescape.index as idx
	other := object.union(b, {"name": "coredns-extra"})
	idx2 := {"related": {"apps/v1/kube-system/Deployment/coredns": {"serviceAccount": {"name": "coredns", "found": true, "bindings": [other]}}}}
	count(rbac.service_account_rules) == 1 with input as kube with data.kubescape.index as idx2
}
