#!/usr/bin/env bash
# Installs the servers the provisioner's local runtime runs that Maven Central does not publish: Debian's redis-server
# (Redis 7), postgresql-15 with postgresql-15-postgis-3, and pgvector for 15 (install-pgvector.sh builds Debian
# trixie's source package: bookworm has none). PostgreSQL 16/17, Redis 6.2 and ElasticMQ come from Maven Central with
# the build instead. One script for CI (.ci/run) and for ./mockfactory up; installing twice installs nothing.
#   --check    print what is missing on one line and exit 1 if anything is; change nothing
#   --quiet    no line when everything is there already
# Needs root (or passwordless sudo) and Debian's apt.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
check=false
quiet=false
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    --quiet) quiet=true ;;
    *) echo "usage: $0 [--check] [--quiet]" >&2; exit 2 ;;
  esac
done

packages=()
command -v redis-server >/dev/null || packages+=(redis-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || packages+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || packages+=(postgresql-15-postgis-3)
command -v setpriv >/dev/null || packages+=(util-linux)
pgvector=false
[ -f /usr/share/postgresql/15/extension/vector.control ] || pgvector=true
missing="${packages[*]}"
if $pgvector; then missing="${missing:+$missing }pgvector"; fi

if [ -z "$missing" ]; then
  $quiet || echo "All the local runtime's servers are installed."
  exit 0
fi
if $check; then
  echo "$missing"
  exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "Installing $missing needs root or passwordless sudo; run: sudo $0" >&2
    exit 1
  fi
fi
command -v apt-get >/dev/null || { echo "No apt-get here: install $missing with this system's package manager" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
if [ ${#packages[@]} -gt 0 ]; then
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
  # Debian starts the servers it installs; MockFactory runs its own instances and needs none of these
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    for unit in redis-server postgresql; do
      [[ " ${packages[*]} " == *" ${unit%-server}"* ]] && "${sudo[@]}" systemctl disable --now "$unit" >/dev/null 2>&1 || true
    done
  fi
fi
if $pgvector; then
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "$here/install-pgvector.sh"
fi
