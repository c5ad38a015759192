package kubescape.controls.C_0074

import data.kubescape.lib.workload

# Container runtime API sockets, as installed by Docker, containerd, CRI-O, cri-dockerd, Podman,
# k3s/RKE2, MicroK8s and the old dockershim. /var/run is a symlink to /run on most systems, so both
# forms are listed.
sockets := {
	"/var/run/docker.sock",
	"/run/docker.sock",
	"/var/run/containerd/containerd.sock",
	"/run/containerd/containerd.sock",
	"/var/run/docker/containerd/containerd.sock",
	"/run/docker/containerd/containerd.sock",
	"/var/run/crio/crio.sock",
	"/run/crio/crio.sock",
	"/var/run/cri-dockerd.sock",
	"/run/cri-dockerd.sock",
	"/var/run/dockershim.sock",
	"/run/dockershim.sock",
	"/var/run/podman/podman.sock",
	"/run/podman/podman.sock",
	"/run/k3s/containerd/containerd.sock",
	"/var/run/k3s/containerd/containerd.sock",
	"/var/snap/microk8s/common/run/containerd.sock",
}

# Socket file names recognised anywhere (custom runtime roots, rootless /run/user/<uid>/...).
socket_names := {"docker.sock", "containerd.sock", "crio.sock", "cri-dockerd.sock", "dockershim.sock", "podman.sock"}

deny contains finding if {
	some v in workload.volumes
	raw := v.volume.hostPath.path
	is_string(raw)
	host := _clean(raw)
	mounts := _exposing_mounts(v.volume.name, host)
	count(mounts) > 0
	first := sort([m.path | some m in mounts])[0]
	some m in mounts
	m.path == first
	finding := {
		"msg": sprintf("volume %q mounts host path %q into %s: %s", [
			v.volume.name, raw,
			concat(", ", sort({x.who | some x in mounts})), m.reason,
		]),
		"failedPaths": [sprintf("%s.hostPath.path", [v.path])],
		"reviewPaths": sort([x.path | some x in mounts]),
	}
}

# Mounts of the volume (by any container, init and ephemeral included) that reach a runtime
# socket. A subPath narrows what the container sees: /var/run with subPath "secrets" does not
# expose /var/run/docker.sock; subPathExpr is expanded at run time and counts as the whole volume.
_exposing_mounts(name, host) := {{"who": workload.name_of(c), "path": sprintf("%s.volumeMounts[%d]", [c.path, i]), "reason": reason} |
	some c in workload.containers
	mounts := c.container.volumeMounts
	is_array(mounts)
	some i, m in mounts
	m.name == name
	eff := _effective(host, m)
	reason := sprintf("%s is %s", [eff, _reason(eff)])
}

_effective(host, m) := _clean(concat("/", [host, m.subPath])) if {
	is_string(m.subPath)
	trim_space(m.subPath) != ""
} else := host

# _clean removes repeated and trailing slashes and "." segments: "//var/run/./" -> "/var/run".
_clean(raw) := p if {
	a := regex.replace(trim_space(raw), `/(\./)+`, "/")
	b := regex.replace(a, `/+`, "/")
	c := regex.replace(b, `/\.$`, "")
	p := _trim_slash(c)
}

_trim_slash("/") := "/"

_trim_slash(s) := trim_right(s, "/") if s != "/"

# Why the path exposes the runtime: it is a socket, or a directory holding one.
_reason(p) := "a container runtime socket" if {
	_is_socket(p)
} else := sprintf("a directory holding the container runtime socket %s", [min(held)]) if {
	held := {s | some s in sockets; _parent(p, s)}
	count(held) > 0
}

_is_socket(p) if p in sockets

_is_socket(p) if _basename(p) in socket_names

# Windows nodes expose the runtimes as named pipes.
_is_socket(p) if lower(p) in {`\\.\pipe\docker_engine`, `\\.\pipe\containerd-containerd`}

_basename(p) := parts[count(parts) - 1] if parts := split(p, "/")

_parent("/", _)

_parent(dir, s) if startswith(s, concat("", [dir, "/"]))
