#!/usr/bin/env bash
# Times the kubescape binary on generated corpora of 2,000 and 20,000 objects with every
# implemented control, and prints wall time, CPU time and peak memory (from /usr/bin/time -v).
#
#   hack/bench.sh [SIZES...]      default: 2000 20000
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (Debian package: time)"; exit 1; }

work=${BENCH_DIR:-bin/bench}
mkdir -p "$work"
go build -trimpath -o "$work/kubescape" ./cmd/kubescape

# Two corpora per size: "repo" is what a Git repository of manifests holds; "cluster" adds what a
# live cluster holds besides (ReplicaSets, Pods, Nodes, control-plane static pods).
printf '%-8s %-10s %8s %8s %8s %10s %s\n' objects corpus wall user sys peakRSS report
for n in "${sizes[@]}"; do
  for mode in repo cluster; do
    corpus="$work/corpus-$mode-$n"
    if [ ! -d "$corpus" ]; then
      flags=()
      [ "$mode" = cluster ] && flags=(-cluster)
      go run ./hack/gencorpus -n "$n" "${flags[@]}" -o "$corpus" >/dev/null
    fi
    args=(scan framework allcontrols "$corpus")
    # Exit code 0 or 1 are both fine here: we time the scan, not the verdict.
    /usr/bin/time -v -o "$work/time.txt" "$work/kubescape" "${args[@]}" --format json --output "$work/report.json" 2>/dev/null || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$work/time.txt")
    size=$(du -h "$work/report.json" | cut -f1)
    printf '%-8s %-10s %8s %8s %8s %10s %s\n' "$n" "$mode" "$wall" "$user" "$sys" "$rss" "$size"
  done
done
