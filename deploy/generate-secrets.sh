#!/usr/bin/env bash
# Writes the deployment's secret files once; existing files are kept so a rerun never rotates a live password.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
for name in postgres_password internal_token; do
  if [ ! -s "$dir/$name" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/$name")
    echo "wrote $dir/$name"
  fi
done
# AES-256 keys that encrypt service passwords and S3 secrets at rest (base64 of 32 random bytes)
for name in provisioner_vault_key storage_vault_key; do
  if [ ! -s "$dir/$name" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 > "$dir/$name")
    echo "wrote $dir/$name"
  fi
done
# ES256 key that signs access tokens; to rotate, replace the file and restart auth-service
if [ ! -s "$dir/jwt_signing_key" ]; then
  (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "$dir/jwt_signing_key")
  echo "wrote $dir/jwt_signing_key"
fi
