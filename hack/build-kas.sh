#!/usr/bin/env bash
# Builds the control plane the integration tests start on loopback: kube-apiserver (from the
# k8s.io/kubernetes module) and etcd (from go.etcd.io/etcd), both from the Go module proxy, with
# the separate tools module in tools/kas. The binaries are cached in bin/kas/<key>/ (ignored by
# Git), keyed by the tools module's go.sum, so a rebuild happens only when versions change.
#
#   hack/build-kas.sh          prints the folder holding the binaries (KUBESCAPE_KAS_DIR)
#
# The first build costs about 12 CPU-minutes and 2.4 GB of memory on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

k8s_version=$(awk '$1 == "k8s.io/kubernetes" {print $2; exit}' tools/kas/go.mod)
key="${k8s_version}-$(sha256sum tools/kas/go.sum | cut -c1-12)"
out="$PWD/bin/kas/$key"
if [ -x "$out/kube-apiserver" ] && [ -x "$out/etcd" ]; then
  echo "$out"
  exit 0
fi
mkdir -p "$out.tmp"
# No -trimpath: the tests' own builds of client-go and friends then reuse the compiled packages.
ldflags="-s -w"
for v in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags="$ldflags -X $v.gitVersion=$k8s_version -X $v.gitMajor=1 -X $v.gitMinor=$(echo "$k8s_version" | cut -d. -f2) -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
done
(
  cd tools/kas
  echo "building kube-apiserver $k8s_version (first build: about 12 CPU-minutes)..." >&2
  go build -ldflags "$ldflags" -o "$out.tmp/kube-apiserver" ./cmd/kube-apiserver
  echo "building etcd..." >&2
  go build -ldflags "-s -w" -o "$out.tmp/etcd" ./cmd/etcd
)
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"
