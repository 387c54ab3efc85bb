#!/usr/bin/env bash
# Writes the deployment's secret files once into deploy/secrets/ (never committed); existing files are kept, so a
# rerun never rotates a live password. docker-compose.yml mounts each container only the files it needs.
#   MOCKFACTORY_DOMAIN=mf.example.com deploy/generate-secrets.sh   # the TLS certificate's names (default: .env's
#                                                                  # MOCKFACTORY_DOMAIN, else localhost)
# The directory is 0700, so only its owner reaches the files; the files themselves are world-readable because compose
# bind-mounts them as they are, and the services run as unprivileged users inside their containers. The private keys
# of the TLS CA and certificate stay 0600 (nginx reads its key as root).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"

random_text() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }
write() { # write NAME MODE: the file from stdin, unless it exists
  local name=$1 mode=$2
  if [ -s "$dir/$name" ]; then cat >/dev/null; return; fi
  (umask 077 && cat >"$dir/$name.tmp") && chmod "$mode" "$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name"
  echo "wrote $dir/$name"
}

# PostgreSQL's superuser, and one login role per service (each service gets only its own)
random_text | write postgres_password 644
# (postgres_exporter: the monitoring profile's read-only pg_monitor role)
for role in auth_service environment_service provisioner_service storage_service billing_service gateway_service postgres_exporter; do
  random_text | write "db_password_$role" 644
done
random_text | write internal_token 644
# Grafana's admin password (the dashboards profile)
random_text | write grafana_admin_password 644
# Stripe's webhook signing secret (whsec_…), pasted in by the operator who sets up payments; empty means none
[ -e "$dir/stripe_webhook_secret" ] || { (umask 077 && : >"$dir/stripe_webhook_secret") && chmod 644 "$dir/stripe_webhook_secret"; }
# AES-256 keys that encrypt service passwords and S3 secrets at rest (base64 of 32 random bytes)
for name in provisioner_vault_key storage_vault_key; do
  head -c 32 /dev/urandom | base64 | write "$name" 644
done
# ES256 key that signs access tokens; to rotate, replace the file and restart auth-service
[ -s "$dir/jwt_signing_key" ] || openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | write jwt_signing_key 644

# TLS: a private CA (give ca.pem to clients: aws --ca-bundle, curl --cacert, AWS_CA_BUNDLE) and a server
# certificate for the domain, its S3 host names and its virtual-host buckets. Mounted ones replace these files.
env_file="$dir/../../.env"
domain=${MOCKFACTORY_DOMAIN:-$(sed -n 's/^MOCKFACTORY_DOMAIN=//p' "$env_file" 2>/dev/null | tail -1 || true)}
domain=${domain:-localhost}
[[ $domain =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || { echo "MOCKFACTORY_DOMAIN '$domain' is not a host name" >&2; exit 2; }
if [ ! -s "$dir/ca.pem" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=MockFactory deployment CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
  chmod 600 "$dir/ca.key" && chmod 644 "$dir/ca.pem"
  echo "wrote $dir/ca.pem"
fi
# A certificate this script issued for another domain is issued again; a mounted one (no tls_domain file) is kept
if [ -s "$dir/tls_cert" ] && [ -s "$dir/tls_domain" ] && [ "$(cat "$dir/tls_domain")" != "$domain" ]; then
  echo "the certificate is for $(cat "$dir/tls_domain"), not $domain: issuing a new one"
  rm -f "$dir/tls_cert" "$dir/tls_key"
fi
if [ ! -s "$dir/tls_cert" ]; then
  work=$(mktemp -d)
  sans="DNS:$domain,DNS:*.$domain,DNS:s3.$domain,DNS:*.s3.$domain"
  [ "$domain" = localhost ] && sans="$sans,IP:127.0.0.1,IP:::1"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$domain" \
    -keyout "$work/key" -out "$work/csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$sans" >"$work/ext"
  openssl x509 -req -in "$work/csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
    -extfile "$work/ext" -out "$work/cert" 2>/dev/null
  install -m 600 "$work/key" "$dir/tls_key"
  install -m 644 "$work/cert" "$dir/tls_cert"
  rm -rf "$work" "$dir/ca.srl"
  echo "$domain" >"$dir/tls_domain"
  echo "wrote $dir/tls_cert for $domain ($sans)"
fi
