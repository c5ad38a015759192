#!/usr/bin/env bash
# Rewrites internal/render/testdata/report.json, the report every output format's golden test
# renders: a real NSA scan of the example and of the test chart, with a fixed time and version.
# Then run `go test ./internal/render -update` and review the golden diffs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=internal/render/testdata/report.json
go run ./cmd/kubescape scan framework nsa examples/online-shop test/testdata/helm/shop --format json --output "$out.tmp" || true
python3 - "$out.tmp" "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["generatedAt"] = "2026-01-02T03:04:05Z"
r["generator"]["version"] = "v0.0.0-test"
json.dump(r, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
PY
rm -f "$out.tmp"
