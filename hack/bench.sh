#!/usr/bin/env bash
# Times the kubescape binary on generated corpora of 2,000 and 20,000 objects and prints wall
# time, CPU time and peak memory (from /usr/bin/time -v) for each run.
#
#   hack/bench.sh [SIZES...]      default: 2000 20000
#
# Environment:
#   FRAMEWORKS  space-separated framework lists to time; default "allcontrols
#               allcontrols,pss-baseline,pss-restricted" (the reference catalogue, then every
#               implemented control)
#   RUNS        runs of each case (default 1); this machine's speed varies, so compare ranges
#   CORPORA     "repo cluster" (default) or one of them
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
read -r -a frameworks <<<"${FRAMEWORKS:-allcontrols allcontrols,pss-baseline,pss-restricted}"
read -r -a corpora <<<"${CORPORA:-repo cluster}"
runs=${RUNS:-1}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (Debian package: time)"; exit 1; }

work=${BENCH_DIR:-bin/bench}
mkdir -p "$work"
go build -trimpath -o "$work/kubescape" ./cmd/kubescape

# Two corpora per size: "repo" is what a Git repository of manifests holds; "cluster" adds what a
# live cluster holds besides (ReplicaSets, Pods, Nodes, control-plane static pods).
printf '%-8s %-8s %-40s %8s %8s %8s %10s %s\n' objects corpus frameworks wall user sys peakRSS report
for n in "${sizes[@]}"; do
  for mode in "${corpora[@]}"; do
    corpus="$work/corpus-$mode-$n"
    if [ ! -d "$corpus" ]; then
      flags=()
      [ "$mode" = cluster ] && flags=(-cluster)
      go run ./hack/gencorpus -n "$n" "${flags[@]}" -o "$corpus" >/dev/null
    fi
    for fw in "${frameworks[@]}"; do
      for ((r = 0; r < runs; r++)); do
        # Exit code 0 or 1 are both fine here: we time the scan, not the verdict.
        /usr/bin/time -v -o "$work/time.txt" "$work/kubescape" scan framework "$fw" "$corpus" \
          --format json --output "$work/report.json" 2>/dev/null || true
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
        user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
        sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$work/time.txt")
        size=$(du -h "$work/report.json" | cut -f1)
        printf '%-8s %-8s %-40s %8s %8s %8s %10s %s\n' "$n" "$mode" "$fw" "$wall" "$user" "$sys" "$rss" "$size"
      done
    done
  done
done
