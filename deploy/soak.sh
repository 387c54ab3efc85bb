#!/usr/bin/env bash
# A soak of the running compose deployment: a steady, realistic mix (sign-ups and sign-ins, environment lifecycles of
# every type with an SSE watcher each, S3 reads and writes) for N minutes (deploy/ops/traffic.py soak), then a report:
# error rate, p50/p99 per operation, RSS, file descriptors and threads per container at the start and the end with
# RSS growth per hour, and the containers and ports left behind (none may be).
#   deploy/soak.sh --minutes 60        API_URL (https://localhost), CA_BUNDLE (deploy/secrets/ca.pem), SOAK_RATE (4)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[ "${1:-}" = --minutes ] && [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "usage: deploy/soak.sh --minutes N" >&2; exit 2; }
minutes=$2
API_URL=${API_URL:-https://localhost} CA_BUNDLE=${CA_BUNDLE:-$ROOT/deploy/secrets/ca.pem}
# shellcheck source=deploy/lib/leak-checks.sh
. "$ROOT/deploy/lib/leak-checks.sh"
trap 'rm -rf "$work"' EXIT

resources >"$work/start"
ports_before=$(leaked_ports) containers_before=$(leaked_containers)
echo "== soak: $minutes min against $API_URL"
/usr/bin/python3 deploy/ops/traffic.py soak --api "$API_URL" --ca "$CA_BUNDLE" --seconds $((minutes * 60)) \
  --rate "${SOAK_RATE:-4}" --report "$work/report.json"
sleep 10   # destroys finish in the background
resources >"$work/end"

jq -r '.operations | to_entries[] | "measured: \(.key): \(.value.count) calls, \(.value.errors) errors, p50 \(.value.p50_ms) ms, p99 \(.value.p99_ms) ms"' "$work/report.json"
echo "measured: $(jq .total "$work/report.json") calls in $minutes min, error rate $(jq .error_rate "$work/report.json")"
join "$work/start" "$work/end" | awk -v m="$minutes" '{printf "measured: %s RSS %s → %s MiB (%+.1f MiB/h), fds %s → %s, threads %s → %s\n", $1, $2, $5, ($5 - $2) * 60 / m, $3, $6, $4, $7}'
ports=$(leaked_ports) containers=$(leaked_containers) stuck=$(stuck_services)
echo "measured: leaked ports $ports (before: $ports_before), leaked containers $containers (before: $containers_before), stuck services $stuck"
[ "$ports" -le "$ports_before" ] && [ "$containers" -le "$containers_before" ] || fail "the soak left ports or containers behind"
[ "$stuck" = 0 ] || fail "$stuck services are stuck in a transitional state"
awk -v r="$(jq .error_rate "$work/report.json")" 'BEGIN {exit !(r <= 0.01)}' || fail "error rate $(jq .error_rate "$work/report.json") is above 1 %"
pass "soak of $minutes min: error rate $(jq .error_rate "$work/report.json"), nothing leaked, nothing stuck"
