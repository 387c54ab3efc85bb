# Sourced by deploy/smoke-test.sh and deploy/test-deployment.sh: calls to a deployment's REST API with curl and jq.
#   API_URL     the deployment, e.g. https://localhost
#   CA_BUNDLE   the CA to verify its certificate with (empty: the system's)
#   TOKEN       a bearer credential (set by register_user)

CURL_TLS=()
[ -n "${CA_BUNDLE:-}" ] && CURL_TLS=(--cacert "$CA_BUNDLE")

step=0
pass() { step=$((step + 1)); echo "ok $step - $*"; }
fail() { echo "not ok $((step + 1)) - $*" >&2; exit 1; }
require() { for tool in "$@"; do command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install $tool)"; done; }

# api METHOD PATH [JSON] [extra curl args…]: sets STATUS and BODY; the bearer credential never is on a command line
api() {
  local method=$1 path=$2 body=${3:-} out headers
  shift $(($# < 3 ? $# : 3))
  out=$(mktemp) headers=$(mktemp)
  [ -z "${TOKEN:-}" ] || printf 'Authorization: Bearer %s\n' "$TOKEN" >"$headers"
  if [ -n "$body" ]; then
    STATUS=$(curl -sS "${CURL_TLS[@]}" -o "$out" -w '%{http_code}' -X "$method" -H "@$headers" \
      -H 'Content-Type: application/json' --data-binary "$body" "$@" "$API_URL$path") || STATUS=000
  else
    STATUS=$(curl -sS "${CURL_TLS[@]}" -o "$out" -w '%{http_code}' -X "$method" -H "@$headers" "$@" "$API_URL$path") || STATUS=000
  fi
  BODY=$(cat "$out")
  rm -f "$out" "$headers"
}

# expect STATUS… : the last api call answered one of these
expect() {
  local want
  for want in "$@"; do [ "$STATUS" = "$want" ] && return 0; done
  return 1
}

# register_user: a fresh account; sets EMAIL, PASSWORD and TOKEN
register_user() {
  EMAIL="smoke-$(date +%s)-$RANDOM@example.com"
  PASSWORD="Smoke-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')-9a"
  TOKEN="" api POST /api/v1/auth/register "$(jq -nc --arg e "$EMAIL" --arg p "$PASSWORD" '{email:$e,password:$p,full_name:"Smoke Test"}')"
  expect 201 || fail "register answered $STATUS: $BODY"
  TOKEN=$(jq -r .access_token <<<"$BODY")
}

# wait_status ENV_ID STATUS SECONDS: polls the environment until it has STATUS
wait_status() {
  local id=$1 want=$2 deadline=$(( $(date +%s) + $3 )) status=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    api GET "/api/v1/environments/$id" "" -H 'Cache-Control: no-cache'
    status=$(jq -r '.status // empty' <<<"$BODY" 2>/dev/null || true)
    [ "$status" = "$want" ] && return 0
    [ "$status" = failed ] && { echo "environment $id failed: $(jq -c .last_error <<<"$BODY")" >&2; return 1; }
    sleep 1
  done
  echo "environment $id is ${status:-unknown} after $3 s, not $want" >&2
  return 1
}

# redis_cmd CREDENTIALS_JSON COMMAND…: redis-cli against the environment's Redis; the password goes by environment
# variable, never on a command line
redis_cmd() {
  local creds=$1
  shift
  REDISCLI_AUTH=$(jq -r .services.redis.password <<<"$creds") redis-cli --no-auth-warning \
    -h "$(jq -r .services.redis.host <<<"$creds")" -p "$(jq -r .services.redis.port <<<"$creds")" "$@"
}

# pg_query CREDENTIALS_JSON SERVICE SQL: psql against one of the environment's PostgreSQL services, the same way
pg_query() {
  local creds=$1 service=$2
  PGPASSWORD=$(jq -r --arg s "$service" '.services[$s].password' <<<"$creds") psql -X -q -tA \
    -h "$(jq -r --arg s "$service" '.services[$s].host' <<<"$creds")" -p "$(jq -r --arg s "$service" '.services[$s].port' <<<"$creds")" \
    -U "$(jq -r --arg s "$service" '.services[$s].username' <<<"$creds")" -d "$(jq -r --arg s "$service" '.services[$s].database' <<<"$creds")" -c "$3"
}
