#!/bin/bash
# Run by deploy/restore.sh inside a throwaway container of the deployment's PostgreSQL image, with the empty data
# volume at $PGDATA, the backup at /backup and the WAL archive at /wal: unpack the base backup, recover to the end of
# the archive (no connections but its own socket), drop the S3 objects whose blob the backup lacks, stop cleanly.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
psql_local() { as_postgres psql -h /tmp -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

tar -C "$PGDATA" -xf /backup/base.tar
chown -R postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
touch "$PGDATA/recovery.signal"
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 900 -s -l /tmp/recovery.log start \
  -o "-c listen_addresses= -c unix_socket_directories=/tmp -c archive_mode=off -c hot_standby=off -c max_connections=${POSTGRES_MAX_CONNECTIONS:-200} -c restore_command='cp /wal/%f %p'" \
  || { cat /tmp/recovery.log >&2; exit 1; }
# Recovery ends at the last archived segment and promotes the cluster: writable again (hot_standby off: no
# connection before that, and no need to match the old settings that read-only connections would require)
until [ "$(psql_local -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; do
  # A refused connection while it replays is expected; a postmaster gone is a failed recovery
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null || { cat /tmp/recovery.log >&2; exit 1; }
  sleep 1
done
echo "recovered: $(grep -c 'restored log file' /tmp/recovery.log || true) archived WAL segments replayed;" \
  "$(grep -o 'last completed transaction was at log time .*' /tmp/recovery.log | tail -1)"

# The new timeline's history file, for a later restore from the same archive (this recovery does not archive)
for history in "$PGDATA"/pg_wal/*.history; do
  [ -e "$history" ] && [ ! -e "/wal/$(basename "$history")" ] && cp "$history" "/wal/$(basename "$history")"
done
chown --reference=/wal /wal/*.history 2>/dev/null || true

# Events the services had sent before the disaster may never have reached a consumer, and Kafka starts empty: every
# outbox row still kept is sent again (the inboxes, restored to the same moment, drop what was applied already)
psql_local -d "${POSTGRES_DB:-mockfactory}" -tAc "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'" \
  | while read -r schema; do
      [ -n "$schema" ] && psql_local -d "${POSTGRES_DB:-mockfactory}" -tAc \
        "UPDATE \"$schema\".outbox SET published_at = NULL WHERE published_at IS NOT NULL" | sed "s|^|$schema outbox: |"
    done

# Only for the filesystem store, whose files the backup holds: with OCI the blobs never left OCI
if [ "${MOCKFACTORY_BLOB_STORE:-filesystem}" != filesystem ]; then
  echo "blob store ${MOCKFACTORY_BLOB_STORE}: its blobs are not in the backup; no S3 metadata pruned"
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -s stop
  exit 0
fi
# The blob files the backup has, as namespace (environment id) and blob id: <namespace>/<2 chars>/<blob id>
(cd /backup/blobs 2>/dev/null && find . -type f | sed 's|^\./||' | awk -F/ 'NF == 3 {print $1 "\t" $3}') >/tmp/blobs.tsv || : >/tmp/blobs.tsv
psql_local -d "${POSTGRES_DB:-mockfactory}" <<'SQL'
CREATE TEMP TABLE kept (namespace text, blob_id text);
\copy kept FROM /tmp/blobs.tsv
-- No blob file at all while objects exist is a backup without its blobs, not objects to drop
SELECT (SELECT count(*) FROM kept) = 0 AND EXISTS (SELECT 1 FROM storage.objects) AS no_blobs \gset
\if :no_blobs
  \echo 'restore: the backup holds no blob files but the database has S3 objects; nothing pruned (copy the blobs back by hand)'
  \q
\endif
CREATE TEMP TABLE lost AS
  SELECT o.bucket_id, o.key FROM storage.objects o JOIN storage.buckets b ON b.id = o.bucket_id
  WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.namespace = b.environment_id AND k.blob_id = o.blob_id);
SELECT count(*) AS lost_objects FROM lost \gset
\echo 'S3 objects written after the last blob copy, removed (S3 answers 404 for them):' :lost_objects
DELETE FROM storage.objects o USING lost l WHERE o.bucket_id = l.bucket_id AND o.key = l.key;
DELETE FROM storage.upload_parts p USING storage.multipart_uploads u, storage.buckets b
  WHERE p.upload_id = u.upload_id AND u.bucket_id = b.id
    AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.namespace = b.environment_id AND k.blob_id = p.blob_id);
SQL
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -s stop
