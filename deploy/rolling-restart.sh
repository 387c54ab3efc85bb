#!/usr/bin/env bash
# Restarts every service of the running compose deployment in turn, each only once the one before is healthy again,
# while a client creates and destroys environments and writes S3 objects (deploy/ops/traffic.py churn, which retries
# what a restart can answer with the same Idempotency-Key, as the client library does). Afterwards every command
# must be applied exactly once: no environment doubled, none stuck in a transitional state, each in the state its
# last command left it, every S3 object there, no leaked container or port.
#   deploy/rolling-restart.sh            API_URL (https://localhost), CA_BUNDLE (deploy/secrets/ca.pem)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
API_URL=${API_URL:-https://localhost} CA_BUNDLE=${CA_BUNDLE:-$ROOT/deploy/secrets/ca.pem}
SERVICES="auth-service environment-service provisioner-service storage-emulation-service billing-service gateway-service"
# shellcheck source=deploy/lib/leak-checks.sh
. "$ROOT/deploy/lib/leak-checks.sh"
trap 'rm -rf "$work"' EXIT
healthy() { [ "$(docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$(docker-compose ps -q "$1")")" = running/healthy ]; }

ports_before=$(leaked_ports) containers_before=$(leaked_containers)
started=$(date +%s)
/usr/bin/python3 deploy/ops/traffic.py churn --api "$API_URL" --ca "$CA_BUNDLE" --seconds 150 --report "$work/churn.json" &
client=$!
sleep 10
for service in $SERVICES; do
  t=$(date +%s)
  docker-compose restart -t 30 "$service" >/dev/null 2>&1
  sleep 2
  until healthy "$service"; do
    [ $(( $(date +%s) - t )) -lt 180 ] || fail "$service not healthy 180 s after its restart"
    sleep 1
  done
  echo "measured: $service restarted and healthy in $(( $(date +%s) - t )) s"
done
wait "$client" || fail "the client failed: $(cat "$work/churn.json" 2>/dev/null)"
echo "measured: rolling restart of 6 services under load in $(( $(date +%s) - started )) s"
jq -c "{asked, listed, s3_written, total, errors, problems}" "$work/churn.json"
problems=$(jq '[.problems[] | length] | add' "$work/churn.json")
sleep 5
ports=$(leaked_ports) containers=$(leaked_containers) stuck=$(stuck_services)
echo "measured: $(jq .asked "$work/churn.json") creates asked, $(jq .errors "$work/churn.json") calls without a definite success; leaked ports $ports, containers $containers, stuck services $stuck"
[ "$problems" = 0 ] || fail "commands not applied exactly once: $(jq -c .problems "$work/churn.json")"
[ "$ports" -le "$ports_before" ] && [ "$containers" -le "$containers_before" ] && [ "$stuck" = 0 ] \
  || fail "the rolling restart left ports ($ports), containers ($containers) or stuck services ($stuck)"
pass "rolling restart under load: every command applied exactly once, nothing stuck, nothing leaked"
