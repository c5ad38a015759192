package kubescape.lib.pss_test

import data.kubescape.lib.pss

# ---------------------------------------------------------------------------------------------
# Versions

test_parse_minor_valid if {
	pss.parse_minor("v1.0") == 0
	pss.parse_minor("v1.9") == 9
	pss.parse_minor("v1.30") == 30
	pss.parse_minor("v1.137") == 137
}

test_parse_minor_rejects_what_admission_rejects if {
	not pss.parse_minor("latest")
	not pss.parse_minor("v1.05")
	not pss.parse_minor("1.30")
	not pss.parse_minor("v2.0")
	not pss.parse_minor("v1.")
	not pss.parse_minor("v1.30.1")
	not pss.parse_minor(" v1.30")
	not pss.parse_minor(30)
	not pss.parse_minor(null)
}

test_minor_of_falls_back_to_latest if {
	pss.minor_of("latest") == pss.latest_minor
	pss.minor_of(null) == pss.latest_minor
	pss.minor_of("v1.05") == pss.latest_minor
	pss.minor_of("bogus") == pss.latest_minor
	pss.minor_of("v1.25") == 25
}

test_version_text if {
	pss.version_text("v1.30") == "v1.30"
	pss.version_text("latest") == "latest (v1.37)"
	pss.version_text(null) == "latest (v1.37)"
	startswith(pss.version_text("v1.05"), "latest (v1.37; ")
}

pod_in(ns) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": ns}, "spec": {"containers": [{"name": "app"}]}}

index_with(ns, labels) := {"related": {sprintf("/v1/%s/Pod/p", [ns]): {"namespace": {"name": ns, "found": true, "labels": labels}}}}

test_workload_version_from_namespace_label if {
	pss.minor == 30 with input as pod_in("shop")
		with data.kubescape.index as index_with("shop", {"pod-security.kubernetes.io/enforce-version": "v1.30"})
	pss.at_least(30) with input as pod_in("shop")
		with data.kubescape.index as index_with("shop", {"pod-security.kubernetes.io/enforce-version": "v1.30"})
	not pss.at_least(31) with input as pod_in("shop")
		with data.kubescape.index as index_with("shop", {"pod-security.kubernetes.io/enforce-version": "v1.30"})
}

test_workload_version_latest_without_label if {
	pss.minor == pss.latest_minor with input as pod_in("shop") with data.kubescape.index as index_with("shop", {})
	pss.minor == pss.latest_minor with input as pod_in("shop") with data.kubescape.index as {"related": {}}
	pss.version == "latest (v1.37)" with input as pod_in("shop") with data.kubescape.index as {"related": {}}
}

test_workload_version_ignores_audit_and_warn_versions if {
	labels := {
		"pod-security.kubernetes.io/audit-version": "v1.20",
		"pod-security.kubernetes.io/warn-version": "v1.20",
	}
	pss.minor == pss.latest_minor with input as pod_in("shop") with data.kubescape.index as index_with("shop", labels)
}

# ---------------------------------------------------------------------------------------------
# Namespace levels

test_mode_info if {
	labels := {
		"pod-security.kubernetes.io/enforce": "baseline",
		"pod-security.kubernetes.io/enforce-version": "v1.30",
		"pod-security.kubernetes.io/warn": "restricted",
		"pod-security.kubernetes.io/audit": 5,
	}
	pss.mode_info(labels, "enforce") == {"level": "baseline", "set": true, "version": "v1.30"}
	pss.mode_info(labels, "warn") == {"level": "restricted", "set": true, "version": null}
	pss.mode_info(labels, "audit").set == false
	pss.mode_info({}, "warn").set == false
}

namespace(labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": labels}}

test_weak_namespace_finding if {
	f := pss.weak_namespace_finding("baseline") with input as namespace({"pod-security.kubernetes.io/enforce": "privileged"})
	f.failedPaths == [`metadata.labels["pod-security.kubernetes.io/enforce"]`]
	f.fixPaths == [{"path": `metadata.labels["pod-security.kubernetes.io/enforce"]`, "value": "baseline"}]
	contains(f.msg, "enforce=privileged@latest, audit unset, warn unset")
}

test_weak_namespace_finding_without_label if {
	f := pss.weak_namespace_finding("restricted") with input as namespace({"pod-security.kubernetes.io/warn": "restricted"})
	not f.failedPaths
	f.fixPaths == [{"path": `metadata.labels["pod-security.kubernetes.io/enforce"]`, "value": "restricted"}]
}

test_weak_namespace_finding_passes if {
	not pss.weak_namespace_finding("baseline") with input as namespace({"pod-security.kubernetes.io/enforce": "baseline"})
	not pss.weak_namespace_finding("restricted") with input as namespace({"pod-security.kubernetes.io/enforce": "restricted"})
	# An invalid level is enforced as restricted by PodSecurity admission.
	not pss.weak_namespace_finding("restricted") with input as namespace({"pod-security.kubernetes.io/enforce": "Restricted"})
}

test_modes_text if {
	labels := {
		"pod-security.kubernetes.io/enforce": "baseline",
		"pod-security.kubernetes.io/enforce-version": "v1.30",
		"pod-security.kubernetes.io/warn": "restricted",
	}
	pss.modes_text(labels) == "enforce=baseline@v1.30, audit unset, warn=restricted@latest"
}

# ---------------------------------------------------------------------------------------------
# Pod and containers

deployment := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
	"spec": {"template": {
		"metadata": {"annotations": {"a/b": "c"}},
		"spec": {
			"os": {"name": "windows"},
			"hostUsers": false,
			"securityContext": {"runAsNonRoot": true, "runAsUser": null},
			"containers": [
				{"name": "a", "securityContext": {"runAsNonRoot": false, "runAsUser": 0}},
				{"name": "b"},
				{"name": "c", "securityContext": "odd"},
			],
		},
	}},
}

test_settings_lists_each_level if {
	s := pss.settings("runAsNonRoot") with input as deployment
	s == {
		{"value": true, "path": "spec.template.spec.securityContext.runAsNonRoot", "who": "the pod"},
		{"value": false, "path": "spec.template.spec.containers[0].securityContext.runAsNonRoot", "who": `container "a"`},
	}
}

test_windows_and_user_namespace if {
	pss.is_windows with input as deployment
	pss.user_namespace with input as deployment
	not pss.is_windows with input as pod_in("x")
	not pss.user_namespace with input as pod_in("x")
}

test_windows_is_case_sensitive if {
	not pss.is_windows with input as {"kind": "Pod", "spec": {"os": {"name": "Windows"}}}
}

test_profile_type if {
	pss.profile_type({"type": "RuntimeDefault"}) == "RuntimeDefault"
	pss.profile_type({}) == ""
	pss.profile_type({"type": null}) == ""
	pss.profile_type("odd") == ""
	pss.profile_type({"type": 3}) == 3
}

test_annotation_path if {
	pss.annotation_path("a/b") == `spec.template.metadata.annotations["a/b"]` with input as deployment
	pss.pod_annotations == {"a/b": "c"} with input as deployment
}

test_key_path if {
	pss.key_path("plain") == ".plain"
	pss.key_path("pod-security.kubernetes.io/enforce") == `["pod-security.kubernetes.io/enforce"]`
}
