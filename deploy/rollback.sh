#!/usr/bin/env bash
# Points the compose deployment at an earlier release's images and restarts what changed:
#   deploy/rollback.sh                 # lists the releases deploy/build-images.sh built here (newest last)
#   deploy/rollback.sh VERSION         # e.g. 0.1.0-SNAPSHOT-1cdf928a1b
# Safe because migrations are expand/contract and a service ignores migrations newer than it knows: the previous
# release runs on the newer schema. Roll forward the same way (with the newer tag) or by rebuilding.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES="auth-service environment-service provisioner-service storage-emulation-service billing-service gateway-service kafka postgres socket-proxy nginx"
current=$(sed -n 's/^MOCKFACTORY_IMAGE_TAG=//p' .env 2>/dev/null || true)
if [ $# -eq 0 ]; then
  echo "deployed: ${current:-latest}"
  echo "releases built here (deploy/releases):"
  sed 's/^/  /' deploy/releases 2>/dev/null || echo "  none"
  exit 0
fi
tag=$1
[[ $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "rollback: '$tag' is not an image tag" >&2; exit 2; }
missing=()
for image in $IMAGES; do
  docker image inspect "mockfactory/$image:$tag" >/dev/null 2>&1 || missing+=("mockfactory/$image:$tag")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "rollback: this engine lacks ${missing[*]}; deploy/rollback.sh with no argument lists the releases built here" >&2
  exit 1
fi
touch .env
grep -v '^MOCKFACTORY_IMAGE_TAG=' .env >.env.new || true
echo "MOCKFACTORY_IMAGE_TAG=$tag" >>.env.new && mv .env.new .env
echo "rollback: ${current:-latest} → $tag"
docker-compose up -d
# Wait for every container to be healthy again, as the runbook's health check sees it
for _ in $(seq 1 60); do
  deploy/health-check.sh >/dev/null 2>&1 && { echo "rollback: $tag is deployed and healthy"; exit 0; }
  sleep 3
done
deploy/health-check.sh || true
echo "rollback: $tag is deployed but not healthy after 180 s" >&2
exit 1
