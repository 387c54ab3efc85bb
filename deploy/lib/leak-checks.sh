# Sourced by deploy/soak.sh and deploy/rolling-restart.sh (after setting ROOT): the API helpers, what their traffic
# client needs, a work directory ($work, the script removes it), and what a run must not leave behind, read from the
# deployment itself (the provisioner's tables through PostgreSQL's local socket, the engine's containers).
# shellcheck source=deploy/lib/api.sh
. "$ROOT/deploy/lib/api.sh"
require docker docker-compose jq
/usr/bin/python3 -c 'import boto3' 2>/dev/null || fail "boto3 is missing (apt-get install python3-boto3)"
work=$(mktemp -d)

db_query() {
  docker-compose exec -T postgres setpriv --reuid=postgres --regid=postgres --init-groups \
    psql -h /tmp -U postgres -d mockfactory -XtAq -c "$1" | tr -d '\r'
}

# leaked_ports: ports allocated to no live service
leaked_ports() {
  db_query "SELECT count(*) FROM provisioner.port_allocations p WHERE NOT EXISTS (
              SELECT 1 FROM provisioner.service_instances s
              WHERE s.environment_id = p.environment_id AND s.service = p.service AND s.status <> 'destroyed')"
}

# leaked_containers: instance containers of environments with no live service
leaked_containers() {
  local live id env count=0
  live=$(db_query "SELECT DISTINCT environment_id FROM provisioner.service_instances WHERE status <> 'destroyed'")
  for id in $(docker ps -aq --filter label=mockfactory.environment); do
    env=$(docker inspect -f '{{index .Config.Labels "mockfactory.environment"}}' "$id")
    grep -qx "$env" <<<"$live" || count=$((count + 1))
  done
  echo "$count"
}

# stuck_services: services in a transitional state (a settled deployment has none)
stuck_services() {
  db_query "SELECT count(*) FROM provisioner.service_instances WHERE status IN ('provisioning','starting','stopping','destroying')"
}

# resources: one line per container: name, RSS (MiB), open file descriptors, threads (the engine is on this host)
resources() {
  local id pid name
  for id in $(docker-compose ps -q); do
    name=$(docker inspect -f '{{.Name}}' "$id" | sed "s|^/${COMPOSE_PROJECT_NAME:-mockfactory}_||; s|_1$||")
    pid=$(docker inspect -f '{{.State.Pid}}' "$id")
    [ "$pid" -gt 0 ] 2>/dev/null || continue
    printf '%s %s %s %s\n' "$name" "$(awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")" \
      "$(ls "/proc/$pid/fd" | wc -l)" "$(awk '/^Threads/ {print $2}' "/proc/$pid/status")"
  done | sort
}
