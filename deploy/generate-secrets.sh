#!/usr/bin/env bash
# Writes the deployment's secret files once; existing files are kept so a rerun never rotates a live password.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
if [ ! -s "$dir/postgres_password" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/postgres_password")
  echo "wrote $dir/postgres_password"
fi
