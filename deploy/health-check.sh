#!/usr/bin/env bash
# Is the compose deployment healthy? Every container healthy, PostgreSQL and Kafka reachable (from the services too),
# disk and port-pool headroom. One line per check; exits non-zero if any fails.
#   deploy/health-check.sh [--min-free-gib N] [--min-free-ports N]
set -uo pipefail
cd "$(dirname "$0")/.."
MIN_FREE_GIB=2 MIN_FREE_PORTS=100 PORT_RANGE=${MOCKFACTORY_PORT_RANGE:-30000-40000}
while [ $# -gt 0 ]; do
  case $1 in
    --min-free-gib) MIN_FREE_GIB=$2; shift 2 ;;
    --min-free-ports) MIN_FREE_PORTS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
failed=0
check() { if [ "$1" = 0 ]; then echo "ok   $2"; else echo "FAIL $2"; failed=1; fi; }

# Every container of the deployment runs and passes its own health check
ids=$(docker-compose ps -q 2>/dev/null)
[ -n "$ids" ]; check $? "the deployment has containers (docker-compose ps)"
for id in $ids; do
  state=$(docker inspect -f '{{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}} restarts={{.RestartCount}}' "$id")
  [[ $state == *" running healthy "* ]]; check $? "${state#/}"
done

# PostgreSQL answers queries; Kafka is reachable from a service (each service's /health checks both)
docker-compose exec -T -u postgres postgres psql -h /tmp -d mockfactory -tAc 'SELECT 1' 2>/dev/null | grep -qx 1
check $? "PostgreSQL answers queries"
health=$(docker-compose exec -T gateway-service bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080; printf "GET /health HTTP/1.0\r\n\r\n" >&3; cat <&3' 2>/dev/null | tail -1)
grep -q '"kafka":"up"' <<<"$health"; check $? "Kafka is reachable from the gateway ($(grep -o '"checks":{[^}]*}' <<<"$health"))"

# Disk headroom where the deployment keeps its data, as each container sees it
for entry in postgres:/var/lib/postgresql/data kafka:/var/lib/kafka/data storage-emulation-service:/var/lib/mockfactory; do
  free_kib=$(docker-compose exec -T "${entry%%:*}" df -Pk "${entry#*:}" 2>/dev/null | awk 'NR == 2 {print $4}')
  if [[ $free_kib =~ ^[0-9]+$ ]]; then
    [ "$free_kib" -ge $((MIN_FREE_GIB * 1024 * 1024)) ]
    check $? "${entry%%:*} ${entry#*:}: $((free_kib / 1024 / 1024)) GiB free (at least $MIN_FREE_GIB)"
  else
    check 1 "${entry%%:*} ${entry#*:}: free space unknown (is the container running?)"
  fi
done

# Ports left for new services in the provisioner's pool
allocated=$(docker-compose exec -T -u postgres postgres psql -h /tmp -d mockfactory -tAc 'SELECT count(*) FROM provisioner.port_allocations' 2>/dev/null | tr -d '[:space:]')
if [ -n "$allocated" ]; then
  free_ports=$(( ${PORT_RANGE#*-} - ${PORT_RANGE%-*} + 1 - allocated ))
  [ "$free_ports" -ge "$MIN_FREE_PORTS" ]; check $? "port pool $PORT_RANGE: $allocated allocated, $free_ports free (at least $MIN_FREE_PORTS)"
else
  check 1 "port pool: cannot read provisioner.port_allocations"
fi
exit $failed
