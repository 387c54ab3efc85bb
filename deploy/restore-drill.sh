#!/usr/bin/env bash
# The restore drill, against a running compose deployment that may be destroyed (CI's, from deploy/test-deployment.sh):
#   deploy/restore-drill.sh --destroy-this-deployment
# Writes users, an environment and S3 objects; takes a full backup (deploy/backup.sh); keeps writing (a user and an
# S3 object a second, an environment, a blob copy every 20 s as cron would) for longer than the WAL archive
# timeout; then destroys the deployment's containers and volumes (not the instance containers, not backups/), runs
# deploy/restore.sh and checks what came back: the users log in, the environments and their data are there, the
# pre-backup S3 objects are intact, and a port is never handed out twice. Prints the measured RPO and RTO.
#   API_URL (https://localhost), CA_BUNDLE (deploy/secrets/ca.pem), DRILL_WRITE_SECONDS (75), DRILL_BLOB_COPY_SECONDS (20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
[ "${1:-}" = --destroy-this-deployment ] || { echo "usage: deploy/restore-drill.sh --destroy-this-deployment (it deletes the deployment's volumes)" >&2; exit 2; }
API_URL=${API_URL:-https://localhost} CA_BUNDLE=${CA_BUNDLE:-$ROOT/deploy/secrets/ca.pem}
WRITE_SECONDS=${DRILL_WRITE_SECONDS:-75} BLOB_COPY_SECONDS=${DRILL_BLOB_COPY_SECONDS:-20}
# shellcheck source=deploy/lib/api.sh
. "$ROOT/deploy/lib/api.sh"
require docker-compose curl jq redis-cli
AWS=$(command -v /usr/bin/aws || command -v aws) || fail "the aws CLI is missing (apt-get install awscli)"
PROJECT=${COMPOSE_PROJECT_NAME:-mockfactory}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN {printf "%.1f", b - a}'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# login EMAIL PASSWORD: sets BODY; sign-ins are rate-limited at the edge, so a 429 is waited out (not a "no")
login() {
  local deadline=$(( $(date +%s) + 60 ))
  while :; do
    TOKEN="" api POST /api/v1/auth/login "$(jq -nc --arg e "$1" --arg p "$2" '{email:$e,password:$p}')"
    expect 429 502 503 504 000 && [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 1
  done
  expect 200
}
make_env() { # make_env NAME: a running Redis + S3 environment; prints its id
  api POST /api/v1/environments "{\"name\":\"$1\",\"services\":{\"redis\":{},\"aws_s3\":{}}}"
  expect 201 || fail "create $1 answered $STATUS: $BODY"
  jq -r .id <<<"$BODY"
}
# credentials_of ID: sets BODY to the environment's credentials; what a recovering peer answers (429, 5xx) is waited out
credentials_of() {
  local deadline=$(( $(date +%s) + 60 ))
  until api GET "/api/v1/environments/$1/credentials" && expect 200; do
    expect 429 500 502 503 504 000 && [ "$(date +%s)" -lt "$deadline" ] || fail "credentials of $1 answered $STATUS: $BODY"
    sleep 1
  done
}
redis_port() {
  credentials_of "$1"
  jq -r .services.redis.port <<<"$BODY"
}
s3() { "$AWS" --endpoint-url "$S3_ENDPOINT" --ca-bundle "$CA_BUNDLE" "$@"; }

echo "== before the backup: a user, an environment with Redis data, S3 objects"
register_user
owner_email=$EMAIL owner_password=$PASSWORD
env_before=$(make_env drill-before)
credentials_of "$env_before"
creds=$BODY
redis_cmd "$creds" SET drill before-backup >/dev/null
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION=us-east-1
AWS_ACCESS_KEY_ID=$(jq -r .services.aws_s3.access_key_id <<<"$creds")
AWS_SECRET_ACCESS_KEY=$(jq -r .services.aws_s3.secret_access_key <<<"$creds")
S3_ENDPOINT=$(jq -r .services.aws_s3.endpoint <<<"$creds")
s3 s3 mb s3://drill >/dev/null
for i in 1 2 3; do
  head -c $((200000 * i)) /dev/urandom >"$work/before-$i"
  s3 s3 cp "$work/before-$i" "s3://drill/before-$i" >/dev/null
done
pass "a user, environment $env_before (Redis key set) and 3 S3 objects before the backup"

echo "== deploy/backup.sh"
t=$(now); deploy/backup.sh; echo "measured: full backup $(since "$t") s"

echo "== $WRITE_SECONDS s of writes after the backup"
: >"$work/users" && : >"$work/objects"
env_during=$(make_env drill-during)
port_during=$(redis_port "$env_during")
started=$(date +%s) last_copy=$(date +%s) i=0
while [ $(( $(date +%s) - started )) -lt "$WRITE_SECONDS" ]; do
  i=$((i + 1))
  TOKEN="" api POST /api/v1/auth/register "$(jq -nc --arg e "drill-$i-$started@example.com" --arg p "$owner_password" '{email:$e,password:$p,full_name:"Drill"}')"
  expect 201 && echo "$i $(now)" >>"$work/users"
  echo "$i" >"$work/object" && s3 s3 cp "$work/object" "s3://drill/after-$i" >/dev/null 2>&1 && echo "$i $(now)" >>"$work/objects"
  if [ $(( $(date +%s) - last_copy )) -ge "$BLOB_COPY_SECONDS" ]; then deploy/backup.sh --blobs >/dev/null; last_copy=$(date +%s); fi
  sleep 0.5
done
# An environment in the last seconds: its record is lost with the unarchived WAL, its container lives on with a port
env_last=$(make_env drill-last)
port_last=$(redis_port "$env_last")
pass "$(wc -l <"$work/users") users and $(wc -l <"$work/objects") S3 objects written after the backup; environments $env_during (port $port_during) and $env_last (port $port_last)"

echo "== the disaster: the deployment's containers and volumes are destroyed"
# PostgreSQL is killed, not stopped: a clean shutdown archives the last WAL segment, a lost disk does not
disaster=$(now)
docker-compose kill -s SIGKILL postgres >/dev/null 2>&1
docker-compose stop -t 5 >/dev/null 2>&1
docker-compose rm -f -v >/dev/null 2>&1
docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | xargs -r docker volume rm >/dev/null
[ -z "$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")" ] || fail "the project's volumes are still there"

echo "== deploy/restore.sh"
t=$(now)
deploy/restore.sh
until login "$owner_email" "$owner_password"; do
  [ "$(awk -v s="$(since "$t")" 'BEGIN {print (s > 300)}')" = 0 ] || fail "the owner cannot log in 300 s into the restore: $STATUS $BODY"
  sleep 1
done
rto=$(since "$t")
TOKEN=$(jq -r .access_token <<<"$BODY")
pass "restored: the user from before the backup logs in"

echo "== what came back"
api GET "/api/v1/environments/$env_before" "" -H 'Cache-Control: no-cache'
[ "$(jq -r .status <<<"$BODY")" = running ] || fail "environment $env_before is $(jq -r .status <<<"$BODY"), not running"
[ "$(redis_cmd "$creds" GET drill)" = before-backup ] || fail "the Redis data of $env_before is not served with its restored credentials"
for i in 1 2 3; do
  s3 s3 cp "s3://drill/before-$i" "$work/restored-$i" >/dev/null || fail "S3 object before-$i is gone"
  cmp -s "$work/before-$i" "$work/restored-$i" || fail "S3 object before-$i came back different"
done
pass "environment $env_before runs with its Redis data and credentials; the 3 S3 objects from before the backup are intact"

users_back=0 last_user_at=""
while read -r n at; do
  login "drill-$n-$started@example.com" "$owner_password" || break
  users_back=$((users_back + 1)) last_user_at=$at
done <"$work/users"
# Every user up to the last one back is back: a restore loses a tail, never a hole
[ "$users_back" -gt 0 ] || fail "no user written after the backup came back (the WAL archive was not replayed)"
# …and none after the first one missing: the users file is in write order
while read -r n at; do
  [ "$(awk -v a="$at" -v b="$last_user_at" 'BEGIN {print (a > b)}')" = 1 ] || continue
  ! login "drill-$n-$started@example.com" "$owner_password" || fail "user $n is back although an earlier one is not: a hole, not a tail"
done <"$work/users"
rpo_db=$(since "$last_user_at" "$disaster")
login "$owner_email" "$owner_password" || fail "the owner cannot log in again: $STATUS $BODY"
TOKEN=$(jq -r .access_token <<<"$BODY")
objects_back=0 last_object_at=$disaster
while read -r n at; do
  s3 s3api head-object --bucket drill --key "after-$n" >/dev/null 2>&1 || continue
  objects_back=$((objects_back + 1)) last_object_at=$at
done <"$work/objects"
rpo_s3=$(since "$last_object_at" "$disaster")
api GET "/api/v1/environments/$env_during" "" -H 'Cache-Control: no-cache'
[ "$(jq -r .status <<<"$BODY")" = running ] || fail "environment $env_during (made after the backup, archived) is $(jq -r .status <<<"$BODY")"
pass "$users_back of $(wc -l <"$work/users") later users and $objects_back of $(wc -l <"$work/objects") later S3 objects came back; $env_during runs"

# The environment made in the lost seconds has no record after the restore: the provisioner removes its container at
# start (no orphan holds a port), so its port may be handed out again, but never one a live instance holds
gone=""
for _ in $(seq 1 60); do
  [ -z "$(docker ps -aq --filter "label=mockfactory.environment=$env_last")" ] && { gone=yes; break; }
  sleep 1
done
port_before=$(redis_port "$env_before")
for n in 1 2; do
  fresh=$(make_env "drill-after-$n")
  wait_status "$fresh" running 120 || fail "an environment made after the restore did not run"
  port=$(redis_port "$fresh")
  [ "$port" != "$port_before" ] && [ "$port" != "$port_during" ] || fail "port $port was handed out twice (a live instance holds it)"
  [ -n "$gone" ] || [ "$port" != "$port_last" ] || fail "port $port was handed out again while $env_last's container still holds it"
done
dupes=$(docker ps --format '{{.Ports}}' | tr ',' '\n' | grep -o '127.0.0.1:[0-9]*' | sort | uniq -d)
[ -z "$dupes" ] || fail "host ports published twice: $dupes"
if [ -n "$gone" ]; then lost="was removed, not left holding port $port_last"; else lost="still runs, and its port was not reused"; fi
pass "environments made after the restore run on ports no live instance holds; $env_last (lost with the unarchived WAL) $lost"

echo "measured: RPO database $rpo_db s (last user back written $rpo_db s before the disaster; WAL archive_timeout ${MOCKFACTORY_WAL_ARCHIVE_TIMEOUT:-60} s)"
echo "measured: RPO S3 $rpo_s3 s (blob copies every $BLOB_COPY_SECONDS s); RTO $rto s (restore.sh start to the first login)"
