#!/usr/bin/env bash
# CI's test of the compose deployment on the Docker engine DOCKER_HOST names: build the images, docker-compose up -d,
# wait for health, then deploy/smoke-test.sh over TLS and the deployment's own guarantees (an environment of every
# container type through the socket proxy, the proxy's refusals, schema isolation between service roles, clear
# errors for a missing secret and a wrong password, recovery from kill -9 and from PostgreSQL and Kafka restarts),
# the monitoring profile (every Prometheus target up; stopping PostgreSQL fires DatabaseDown through Alertmanager),
# the restore drill (backup, writes, volumes destroyed, restore; RPO and RTO), a rolling restart under load, a
# 3-minute soak (MOCKFACTORY_SOAK_MINUTES), and finally docker-compose down -v. Prints what it measured. Exits non-zero at the first failure.
#   MOCKFACTORY_DOCKER_SOCKET=/path/of/the/engine.sock deploy/test-deployment.sh
# It runs as its own compose project, with its own networks and instance network, so it never touches a deployment
# of the same engine; it refuses to start if its project has containers or the ports 80, 443, 4566, 9090 or 9093 are taken.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export MOCKFACTORY_DOCKER_SOCKET=${MOCKFACTORY_DOCKER_SOCKET:-/var/run/docker.sock}
export COMPOSE_PROJECT_NAME=mockfactory-deployment-test MOCKFACTORY_INSTANCES_NETWORK=mockfactory-deployment-test-instances
# docker-compose's own wait for one engine call (60 s) is too short for a loaded 2-core engine stopping a JVM
export COMPOSE_HTTP_TIMEOUT=180
# The monitoring profile runs too, for every docker-compose command below (up, ps, stop, down); backups and the WAL
# archive go under target/, not into a deployment's backups/
export COMPOSE_PROFILES=monitoring MOCKFACTORY_BACKUP_DIR=$ROOT/target/deployment-test-backups
export MOCKFACTORY_EDGE_SUBNET=172.31.252.0/24 MOCKFACTORY_EDGE_NGINX_IP=172.31.252.10 MOCKFACTORY_DOCKER_API_SUBNET=172.31.253.0/24
API_URL=https://localhost CA_BUNDLE=$ROOT/deploy/secrets/ca.pem
# shellcheck source=deploy/lib/api.sh
. "$ROOT/deploy/lib/api.sh"
# shellcheck source=deploy/lib/deployment-checks.sh
. "$ROOT/deploy/lib/deployment-checks.sh"
# shellcheck source=deploy/lib/monitoring-checks.sh
. "$ROOT/deploy/lib/monitoring-checks.sh"
require docker docker-compose curl jq psql redis-cli
[ -z "$(docker-compose ps -q 2>/dev/null)" ] || fail "compose project $COMPOSE_PROJECT_NAME already has containers"
for port in 80 443 4566 9090 9093; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail "port $port is taken: this test publishes the deployment there"
done
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }
dump_logs() { echo "== logs of the deployment"; docker-compose ps; docker-compose logs --tail 40 || true; }
teardown() {
  local rc=$?
  [ $rc = 0 ] || dump_logs
  [ -n "${env_id:-}" ] && api DELETE "/api/v1/environments/$env_id" >/dev/null 2>&1 || true
  # Instances first: their network cannot go while they are on it
  timeout 60 docker ps -aq --filter label=mockfactory.environment --filter "network=$MOCKFACTORY_INSTANCES_NETWORK" \
    | xargs -r timeout 60 docker rm -f >/dev/null 2>&1 || true
  timeout 300 docker-compose down -v --remove-orphans >/dev/null 2>&1 || true
  exit $rc
}
trap teardown EXIT

# A WAL archive of an earlier run belongs to another cluster: a fresh one for this deployment
rm -rf "$MOCKFACTORY_BACKUP_DIR"
echo "== secrets, images"
deploy/generate-secrets.sh >/dev/null
t=$(now); deploy/build-images.sh; echo "measured: image build $(since "$t") s"
t=$(now); MOCKFACTORY_SKIP_MAVEN=1 deploy/build-images.sh >/dev/null 2>&1; echo "measured: image rebuild with nothing changed $(since "$t") s"

echo "== docker-compose --profile monitoring up -d"
t=$(now)
docker-compose up -d
wait_healthy 240 || fail "the deployment did not become healthy"
echo "measured: docker-compose up -d to every container healthy $(since "$t") s"
docker stats --no-stream --format 'measured: idle memory {{.Name}} {{.MemUsage}}'

echo "== deploy/smoke-test.sh $API_URL"
deploy/smoke-test.sh "$API_URL"
deploy/health-check.sh

echo "== the deployment's own guarantees"
step=0
check_every_target_up
register_user
check_every_container_type
check_snapshot_and_clone
check_upload_seed
check_proxy_refusals
check_schema_isolation
check_clear_start_errors
check_kill_9_recovery
check_dependency_restart postgres
check_dependency_restart kafka
api DELETE "/api/v1/environments/$env_id" >/dev/null; env_id=""
[ -z "$(docker ps -aq --filter label=mockfactory.environment --filter "network=$MOCKFACTORY_INSTANCES_NETWORK")" ] \
  || fail "instance containers are left after destroy"
pass "destroying the environment removed its containers"
check_database_down_alert

echo "== the restore drill (deploy/restore-drill.sh)"
API_URL=$API_URL CA_BUNDLE=$CA_BUNDLE deploy/restore-drill.sh --destroy-this-deployment

echo "== rolling restart under load (deploy/rolling-restart.sh)"
API_URL=$API_URL CA_BUNDLE=$CA_BUNDLE deploy/rolling-restart.sh

echo "== a ${MOCKFACTORY_SOAK_MINUTES:-3}-minute soak (deploy/soak.sh)"
API_URL=$API_URL CA_BUNDLE=$CA_BUNDLE deploy/soak.sh --minutes "${MOCKFACTORY_SOAK_MINUTES:-3}"

echo "== docker-compose down -v"
# Bounded: docker 20.10 can wedge on a container whose process has exited (seen once on CI's private engine, on
# Prometheus, after every check had passed). That is the engine's fault, not the deployment's: said, not failed on.
if ! timeout 300 docker-compose down -v --remove-orphans; then
  echo "warning: docker-compose down -v did not finish in 300 s (the engine is wedged on: $(timeout 10 docker ps -q 2>/dev/null | wc -l) containers); the engine is stopped next" >&2
fi
echo "deployment test passed"
