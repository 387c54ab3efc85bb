# Sourced by deploy/backup.sh and deploy/restore.sh (in $ROOT): the settings docker-compose reads from .env, unless
# the environment sets them, so both scripts use the same archive, blob store and volumes as the deployment.
from_env_file() { [ -f .env ] && sed -n "s/^$1=//p" .env | tail -1 || true; }
BACKUP_DIR=${MOCKFACTORY_BACKUP_DIR:-$(from_env_file MOCKFACTORY_BACKUP_DIR)}
BACKUP_DIR=${BACKUP_DIR:-$ROOT/backups}
BLOB_STORE=${MOCKFACTORY_BLOB_STORE:-$(from_env_file MOCKFACTORY_BLOB_STORE)}
BLOB_STORE=${BLOB_STORE:-filesystem}
