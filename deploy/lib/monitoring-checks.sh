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

# PostgreSQL stopped: DatabaseDown must go through Prometheus's pending state (its for: window, which the live rule
# must say is 30 s) and then be active in Alertmanager's API. The for: window is checked by state, not by the clock:
# Prometheus stamps an alert with its scheduled evaluation time, so on a loaded host the elapsed time seen from here
# can come out a few seconds under 30 s (it once did: 27.2 s) while the rule behaved exactly as written.
check_database_down_alert() {
  local t deadline firing="" pending="" state took duration
  duration=$(curl -fsS "$PROMETHEUS_URL/api/v1/rules" \
    | jq -r '[.data.groups[].rules[] | select(.name == "DatabaseDown")] | first | .duration // empty')
  [ "$duration" = 30 ] || fail "the live DatabaseDown rule has for: ${duration:-none}, not 30 s"
  # From the moment the stop begins: the exporter may see PostgreSQL gone before docker-compose returns
  t=$(now)
  docker-compose stop postgres >/dev/null 2>&1 || fail "docker-compose stop postgres failed"
  deadline=$(( $(date +%s) + 120 ))
  until [ -n "$firing" ]; do
    state=$(curl -fsS "$PROMETHEUS_URL/api/v1/alerts" 2>/dev/null \
      | jq -r '[.data.alerts[]? | select(.labels.alertname == "DatabaseDown") | .state] | first // empty' || true)
    [ "$state" = pending ] && pending=yes
    firing=$(curl -fsS -G "$ALERTMANAGER_URL/api/v2/alerts" --data-urlencode 'filter=alertname="DatabaseDown"' 2>/dev/null \
      | jq -r '[.[] | select(.status.state == "active")] | first | .labels.severity // empty' || true)
    [ -n "$firing" ] || { [ "$(date +%s)" -lt "$deadline" ] || fail "DatabaseDown never reached Alertmanager in 120 s"; sleep 1; }
  done
  took=$(since "$t")
  echo "measured: PostgreSQL stopped → DatabaseDown active in Alertmanager after $took s (for: 30s, scrape and evaluation every 15 s)"
  [ "$pending" = yes ] || fail "DatabaseDown reached Alertmanager without being seen pending first: its for: window was not kept"
  [ "$firing" = critical ] || fail "DatabaseDown has severity $firing, not critical"
  docker-compose start postgres >/dev/null 2>&1 || fail "docker-compose start postgres failed"
  wait_healthy 180 || fail "the deployment is not healthy after PostgreSQL came back"
  pass "stopping PostgreSQL fired DatabaseDown (critical) through Alertmanager after its for: window (pending first); the deployment recovered"
}
