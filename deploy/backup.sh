#!/usr/bin/env bash
# Backs up the compose deployment into $MOCKFACTORY_BACKUP_DIR (default ./backups, beside docker-compose.yml; copy it
# off the host). What it holds is all a restore needs besides Kafka, whose messages are either applied already or
# still in the services' outboxes:
#   deploy/backup.sh            a full backup in backups/full-<UTC time>/: a PostgreSQL base backup of the whole
#                               cluster (every service schema, outboxes and inboxes, one consistent snapshot), the
#                               blob store's files, a manifest; backups/latest points at it
#   deploy/backup.sh --blobs    copies the blobs written since the last copy into the latest full backup (blobs are
#                               immutable files, so this is an incremental copy); run it from cron every minute
# PostgreSQL also archives its WAL continuously into backups/wal (docker-compose.yml mounts it), so deploy/restore.sh
# replays up to the last archived segment: the database loses at most POSTGRES_ARCHIVE_TIMEOUT (60 s), S3 objects at
# most the time since the last --blobs copy.
# Secrets are left out (keep deploy/secrets safe apart); with MOCKFACTORY_BACKUP_SECRETS_KEY=<key file> they are
# included, encrypted with AES-256 (openssl enc -pbkdf2) under that key, which only the operator holds.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib/backup-settings.sh
. "$ROOT/deploy/lib/backup-settings.sh"
PG=/usr/lib/postgresql/15/bin
BLOBS=/var/lib/mockfactory/blobs
fail() { echo "backup: $*" >&2; exit 1; }
as_postgres() { docker-compose exec -T postgres setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

# copy_new_blobs DIR: the blob files the storage service has that DIR/blobs lacks (relative paths, never .tmp nor a blob still being written, *.partial)
copy_new_blobs() {
  local dir=$1 new remote
  mkdir -p "$dir/blobs"
  # Listed first, apart: a listing that failed must fail the copy, not look like "nothing new"
  remote=$(docker-compose exec -T storage-emulation-service sh -c "mkdir -p $BLOBS && cd $BLOBS && find . -path ./.tmp -prune -o -type f ! -name '*.partial' -print") \
    || fail "cannot list the blob store in storage-emulation-service"
  new=$(comm -13 <(cd "$dir/blobs" && find . -type f | sort) <(tr -d '\r' <<<"$remote" | sort))
  if [ -n "$new" ]; then
    # A blob deleted since the listing is simply not copied (it is no longer referenced)
    printf '%s\n' "$new" | docker-compose exec -T storage-emulation-service tar --ignore-failed-read -C "$BLOBS" -cf - -T - 2>/dev/null \
      | tar -C "$dir/blobs" -xf -
  fi
  date -u +%Y-%m-%dT%H:%M:%SZ >"$dir/blobs-copied-at"
  echo "$(printf '%s' "$new" | grep -c . || true) new blob files copied into $dir/blobs"
}

[ -n "$(docker-compose ps -q postgres 2>/dev/null)" ] || fail "the deployment's postgres is not running (docker-compose up -d)"
if [ "${1:-}" = --blobs ]; then
  [ -d "$BACKUP_DIR/latest" ] || fail "no full backup in $BACKUP_DIR yet (run deploy/backup.sh first)"
  copy_new_blobs "$(cd "$BACKUP_DIR/latest" && pwd -P)"
  exit 0
fi
[ $# = 0 ] || fail "usage: deploy/backup.sh [--blobs]"

started=$(date +%s.%N)
name=full-$(date -u +%Y%m%dT%H%M%SZ)
dir=$BACKUP_DIR/$name
mkdir -p "$dir" && chmod 700 "$BACKUP_DIR" "$dir"
# Blobs before and after the base backup: every blob the snapshot references existed at one of the two copies
copy_new_blobs "$dir" >/dev/null
# -X fetch: the WAL the snapshot needs to be consistent is inside the tar; -c fast: checkpoint now, not when due
as_postgres "$PG/pg_basebackup" -h /tmp -U postgres -D - -Ft -X fetch -c fast -l "mockfactory $name" >"$dir/base.tar.partial"
mv "$dir/base.tar.partial" "$dir/base.tar"
copy_new_blobs "$dir" >/dev/null
if [ -n "${MOCKFACTORY_BACKUP_SECRETS_KEY:-}" ]; then
  [ -s "$MOCKFACTORY_BACKUP_SECRETS_KEY" ] || fail "MOCKFACTORY_BACKUP_SECRETS_KEY names no key file"
  tar -C deploy -cf - secrets | openssl enc -aes-256-cbc -pbkdf2 -salt -pass "file:$MOCKFACTORY_BACKUP_SECRETS_KEY" >"$dir/secrets.tar.enc"
fi
{
  echo "name=$name"
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "image_tag=$(from_env_file MOCKFACTORY_IMAGE_TAG)"
  echo "postgres=$(as_postgres "$PG/postgres" --version | tr -d '\r')"
  echo "secrets=$([ -f "$dir/secrets.tar.enc" ] && echo encrypted || echo excluded)"
  echo "blob_store=$BLOB_STORE"
} >"$dir/manifest"
(cd "$dir" && sha256sum base.tar >SHA256SUMS)
ln -sfn "$name" "$BACKUP_DIR/latest"
echo "backup $dir: base $(du -h "$dir/base.tar" | cut -f1), blobs $(du -sh "$dir/blobs" | cut -f1), in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
