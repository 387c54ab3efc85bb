#!/usr/bin/env bash
# Restores a backup of deploy/backup.sh onto an empty deployment (its volumes absent or just made) and starts it:
#   deploy/restore.sh [BACKUP_DIR]      default: $MOCKFACTORY_BACKUP_DIR/latest (./backups/latest)
# 1. PostgreSQL: the base backup, then every WAL segment archived since (backups/wal), replayed to the end, so the
#    database is as it was at the last archived segment; then promoted.
# 2. The blob store: the backup's blob files (the full copy and every --blobs copy since). S3 objects whose blob came
#    after the last copy cannot be served: they are listed and removed from the metadata, so S3 answers 404, not 500.
# 3. docker-compose up -d, and wait until every container is healthy. Kafka starts empty: what was not yet applied
#    is still in the services' outboxes and is sent again; the inboxes drop what was applied already.
# The secrets must be the ones the backup was made with (vault keys decrypt what the database holds): deploy/secrets
# as kept, or the backup's encrypted copy with MOCKFACTORY_BACKUP_SECRETS_KEY=<key file>.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib/backup-settings.sh
. "$ROOT/deploy/lib/backup-settings.sh"
backup=$(cd "${1:-$BACKUP_DIR/latest}" 2>/dev/null && pwd -P) || { echo "restore: no backup at ${1:-$BACKUP_DIR/latest}" >&2; exit 1; }
WAL=$BACKUP_DIR/wal
PROJECT=${COMPOSE_PROJECT_NAME:-$(from_env_file COMPOSE_PROJECT_NAME)}
PROJECT=${PROJECT:-mockfactory}
TAG=$(from_env_file MOCKFACTORY_IMAGE_TAG)
TAG=${TAG:-latest}
fail() { echo "restore: $*" >&2; exit 1; }
started=$(date +%s.%N)

[ -s "$backup/base.tar" ] || fail "$backup has no base.tar"
(cd "$backup" && sha256sum -c --quiet SHA256SUMS) || fail "$backup/base.tar does not match its checksum"
if [ ! -s deploy/secrets/internal_token ]; then
  [ -f "$backup/secrets.tar.enc" ] && [ -n "${MOCKFACTORY_BACKUP_SECRETS_KEY:-}" ] \
    || fail "deploy/secrets is empty: put the deployment's secrets back, or set MOCKFACTORY_BACKUP_SECRETS_KEY to decrypt the backup's copy"
  openssl enc -d -aes-256-cbc -pbkdf2 -pass "file:$MOCKFACTORY_BACKUP_SECRETS_KEY" <"$backup/secrets.tar.enc" | tar -C deploy -xf -
fi
volume() { echo "${PROJECT}_$1"; }
if docker volume inspect "$(volume postgres-data)" >/dev/null 2>&1 \
    && docker run --rm -v "$(volume postgres-data):/data:ro" --entrypoint test "mockfactory/postgres:$TAG" -s /data/PG_VERSION; then
  fail "volume $(volume postgres-data) already holds a database: restore onto an empty deployment (docker-compose down -v first)"
fi

echo "== containers, networks and volumes (docker-compose up --no-start)"
docker-compose up --no-start >/dev/null 2>&1
mkdir -p "$WAL"

echo "== PostgreSQL: base backup $(basename "$backup"), then the archived WAL"
# A throwaway container of the deployment's own PostgreSQL image does it (deploy/lib/restore-database.sh)
docker run --rm -v "$(volume postgres-data):/var/lib/postgresql/data" -v "$backup:/backup:ro" -v "$WAL:/wal" \
  -v "$ROOT/deploy/lib/restore-database.sh:/usr/local/bin/restore-database:ro" \
  -e PGDATA=/var/lib/postgresql/data -e POSTGRES_DB=mockfactory -e MOCKFACTORY_BLOB_STORE="$BLOB_STORE" \
  --entrypoint /usr/local/bin/restore-database \
  "mockfactory/postgres:$TAG"

echo "== the blob store"
if [ -d "$backup/blobs" ]; then
  docker run --rm --user root -v "$(volume blob-data):/var/lib/mockfactory" -v "$backup/blobs:/backup:ro" \
    --entrypoint sh "mockfactory/storage-emulation-service:$TAG" -c \
    'mkdir -p /var/lib/mockfactory/blobs && cp -a /backup/. /var/lib/mockfactory/blobs/ && chown -R mockfactory:mockfactory /var/lib/mockfactory'
fi

echo "== docker-compose up -d"
docker-compose up -d >/dev/null 2>&1
deadline=$(( $(date +%s) + 300 ))
all_healthy() {
  local states
  states=$(docker-compose ps -q | xargs -r docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}') || return 1
  [ -n "$states" ] && ! grep -qv '^running/healthy$' <<<"$states"
}
until all_healthy; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the restored deployment did not become healthy in 300 s (docker-compose ps)"
  sleep 1
done
echo "restore: take a full backup now (deploy/backup.sh): the restored cluster is on a new timeline"
echo "restored $(basename "$backup") and started in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
