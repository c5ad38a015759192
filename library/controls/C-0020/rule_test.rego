package kubescape.controls.C_0020_test

import data.kubescape.controls.C_0020

overlaps(p, d) if C_0020.overlaps(C_0020.segments(p), C_0020.segments(d))

test_overlaps if {
	overlaps("/etc/kubernetes", "/etc/kubernetes")
	overlaps("/etc/kubernetes/azure.json", "/etc/kubernetes")
	overlaps("/etc/kubernetes/", "/etc/kubernetes")
	overlaps("/etc", "/etc/kubernetes")
	overlaps("/", "/etc/kubernetes")
	overlaps("/home/alice/.aws/credentials", "/home/*/.aws")
	overlaps("/home", "/home/*/.aws")
}

test_no_overlap if {
	not overlaps("/var/log", "/var/lib/kubelet")
	not overlaps("/etc/kubernetes-extra", "/etc/kubernetes")
	not overlaps("/home/alice/data", "/home/*/.aws")
	not overlaps("/var/lib/kubelet-plugins", "/var/lib/kubelet")
}
