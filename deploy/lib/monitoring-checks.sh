# Sourced by deploy/test-deployment.sh (after deploy/lib/api.sh): the monitoring profile's guarantees. Prometheus
# and Alertmanager answer on this host (127.0.0.1:9090 and :9093, as docker-compose.yml publishes them).
PROMETHEUS_URL=${PROMETHEUS_URL:-http://127.0.0.1:${MOCKFACTORY_PROMETHEUS_PORT:-9090}}
ALERTMANAGER_URL=${ALERTMANAGER_URL:-http://127.0.0.1:${MOCKFACTORY_ALERTMANAGER_PORT:-9093}}

# Every scrape target up: the six services, PostgreSQL's exporter, Kafka's JMX agent, Prometheus and Alertmanager
check_every_target_up() {
  local deadline=$(( $(date +%s) + 120 )) targets down t
  t=$(now)
  while :; do
    targets=$(curl -fsS "$PROMETHEUS_URL/api/v1/targets?state=active" 2>/dev/null || echo '{}')
    down=$(jq -r '[.data.activeTargets[]? | select(.health != "up") | "\(.labels.job)/\(.labels.instance): \(.health) \(.lastError)"] | join("; ")' <<<"$targets")
    [ "$(jq '.data.activeTargets | length' <<<"$targets" 2>/dev/null || echo 0)" -ge 10 ] && [ -z "$down" ] && break
    [ "$(date +%s)" -lt "$deadline" ] || fail "Prometheus targets not all up after 120 s: ${down:-none listed}"
    sleep 2
  done
  echo "measured: every Prometheus target up $(since "$t") s after the check began"
  curl -fsS "$PROMETHEUS_URL/api/v1/rules" | jq -e '[.data.groups[].rules[]] | length >= 14' >/dev/null \
    || fail "Prometheus did not load the alert rules"
  pass "Prometheus scrapes every target ($(jq '.data.activeTargets | length' <<<"$targets") up) and has loaded the alert rules"
}

# PostgreSQL stopped: DatabaseDown (for: 30s) must be active in Alertmanager's API within its window plus one scrape
# and one evaluation (15 s each), the stop itself and slack (90 s); then PostgreSQL comes back and the deployment is
# healthy again
check_database_down_alert() {
  local t deadline firing=""
  # From the moment the stop begins: the exporter may see PostgreSQL gone before docker-compose returns
  t=$(now)
  docker-compose stop postgres >/dev/null 2>&1 || fail "docker-compose stop postgres failed"
  deadline=$(( $(date +%s) + 120 ))
  until [ -n "$firing" ]; do
    firing=$(curl -fsS -G "$ALERTMANAGER_URL/api/v2/alerts" --data-urlencode 'filter=alertname="DatabaseDown"' 2>/dev/null \
      | jq -r '[.[] | select(.status.state == "active")] | first | .labels.severity // empty' || true)
    [ -n "$firing" ] || { [ "$(date +%s)" -lt "$deadline" ] || fail "DatabaseDown never reached Alertmanager in 120 s"; sleep 1; }
  done
  local took
  took=$(since "$t")
  echo "measured: PostgreSQL stopped → DatabaseDown active in Alertmanager after $took s (for: 30s, scrape and evaluation every 15 s)"
  awk -v s="$took" 'BEGIN {exit !(s >= 30 && s <= 90)}' || fail "DatabaseDown came after $took s, outside 30 s (for:) to 90 s"
  [ "$firing" = critical ] || fail "DatabaseDown has severity $firing, not critical"
  docker-compose start postgres >/dev/null 2>&1 || fail "docker-compose start postgres failed"
  wait_healthy 180 || fail "the deployment is not healthy after PostgreSQL came back"
  pass "stopping PostgreSQL fired DatabaseDown (critical) through Alertmanager within its window; the deployment recovered"
}
