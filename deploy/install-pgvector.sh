#!/usr/bin/env bash
# Installs the pgvector extension into the machine's PostgreSQL 15 for the provisioner's postgresql_pgvector service.
# Debian bookworm has no pgvector package, so this builds Debian trixie's source package (its upstream tarball,
# checked against the .dsc's SHA-256) with postgresql-server-dev-15. Idempotent; needs root (apt-get, make install).
set -euo pipefail
PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
SHARE=/usr/share/postgresql/15/extension
if [ -f "$SHARE/vector.control" ]; then
  echo "pgvector is already installed ($(grep default_version "$SHARE/vector.control"))"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
need=()
[ -f /usr/include/postgresql/15/server/postgres.h ] || need+=(postgresql-server-dev-15)
command -v make >/dev/null || need+=(make)
command -v gcc >/dev/null || need+=(gcc)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

pool=http://deb.debian.org/debian/pool/main/p/pgvector
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Newest first: the trixie version, then the ones before it in case the mirror has moved on
for version in 0.8.0-1 0.8.1-1 0.7.4-1; do
  upstream=${version%-*}
  if curl -fsS -o "$work/pgvector.dsc" "$pool/pgvector_${version}.dsc" 2>/dev/null \
     && curl -fsS -o "$work/pgvector.orig.tar.gz" "$pool/pgvector_${upstream}.orig.tar.gz"; then
    expected=$(awk '/^Checksums-Sha256:/ {found=1; next} found && /orig.tar.gz/ {print $1; exit}' "$work/pgvector.dsc")
    actual=$(sha256sum "$work/pgvector.orig.tar.gz" | cut -d' ' -f1)
    if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
      echo "pgvector $version: the tarball does not match its .dsc checksum" >&2
      exit 1
    fi
    echo "== building pgvector $upstream (Debian source $version)"
    tar -xzf "$work/pgvector.orig.tar.gz" -C "$work"
    src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
    # Portable code (no -march=native): the same build serves any CPU this machine image runs on
    make -C "$src" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" with_llvm=no -j"$(nproc)" >/dev/null
    make -C "$src" PG_CONFIG="$PG_CONFIG" with_llvm=no install >/dev/null
    echo "pgvector $upstream installed into $SHARE"
    exit 0
  fi
done
echo "Could not download pgvector's Debian source package from $pool" >&2
exit 1
