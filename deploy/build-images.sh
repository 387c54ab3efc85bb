#!/usr/bin/env bash
# Builds every image docker-compose.yml runs, with no registry: the six services and Kafka on Debian's JRE,
# PostgreSQL 15, the Docker socket proxy (haproxy), the TLS edge (nginx) and the monitoring profile (Prometheus,
# Alertmanager, the PostgreSQL exporter), from Debian packages on a debootstrap
# bookworm base, plus the instance images the provisioner's docker runtime starts (deploy/build-instance-images.sh).
#   deploy/build-images.sh                                    # into the engine DOCKER_HOST names (or the default one)
#   MOCKFACTORY_BASE_IMAGE=debian:bookworm-slim deploy/build-images.sh   # where a registry is reachable
#   MOCKFACTORY_SKIP_MAVEN=1 deploy/build-images.sh           # the jars are already built (CI, after mvn verify)
# Images are tagged <project version>-<git revision> and latest; .env is pointed at the new tag (docker-compose reads
# it), and the tag is added to deploy/releases, which deploy/rollback.sh goes back through.
# Unchanged recipes are not rebuilt, and an image whose jar changed reuses its dependency layer.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STAGE=$ROOT/target/image-stage
mkdir -p "$STAGE"
# shellcheck source=deploy/lib/images.sh
. "$ROOT/deploy/lib/images.sh"
started=$(date +%s)

SERVICES="auth-service:8081 environment-service:8082 provisioner-service:8083 storage-emulation-service:8084 billing-service:8085 gateway-service:8080"
VERSION=$(sed -n '/<artifactId>mockfactory<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
REVISION=$(git rev-parse --short=10 HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || REVISION=$REVISION-dirty
TAG=${MOCKFACTORY_IMAGE_TAG_OVERRIDE:-$VERSION-$REVISION}
[[ $TAG =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "not a valid image tag: $TAG" >&2; exit 2; }
command -v docker >/dev/null || { echo "docker is missing (apt-get install docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers at ${DOCKER_HOST:-/var/run/docker.sock}" >&2; exit 1; }
echo "== images $TAG (base $BASE) into ${DOCKER_HOST:-the default engine}"

if [ "${MOCKFACTORY_SKIP_MAVEN:-0}" != 1 ]; then
  modules=kafka-runtime,elasticmq-runtime
  for entry in $SERVICES; do modules=$modules,${entry%%:*}; done
  echo "== the jars (./mvnw package)"
  ./mvnw -B -q -DskipTests package -pl "$modules" -am
fi

# tag_latest REPOSITORY: the image just built as REPOSITORY:$TAG, also as REPOSITORY:latest
tag_latest() { docker tag "$1:$TAG" "$1:latest"; }

# stack_image NAME CONTEXT [build args…]
stack_image() {
  local name=$1 context=$2
  shift 2
  build_recipe "mockfactory/$name:$TAG" "$context" "$STAGE/build-$name.log" "$@"
  tag_latest "mockfactory/$name"
}

# A service's build context: the shared Dockerfile, its dependencies and its jar
stage_service() {
  local module=$1 context=$STAGE/$1
  [ -f "$module/target/$module.jar" ] || { echo "$module/target/$module.jar is missing: run without MOCKFACTORY_SKIP_MAVEN" >&2; return 1; }
  rm -rf "$context" && mkdir -p "$context"
  cp deploy/stack/service/Dockerfile "$context/"
  cp -a "$module/target/lib" "$context/lib"
  cp "$module/target/$module.jar" "$context/service.jar"
}

stage_kafka() {
  local context=$STAGE/kafka
  [ -d kafka-runtime/target/lib ] || { echo "kafka-runtime/target/lib is missing: run without MOCKFACTORY_SKIP_MAVEN" >&2; return 1; }
  rm -rf "$context" && mkdir -p "$context"
  cp -a deploy/stack/kafka/. "$context/"
  cp -a kafka-runtime/target/lib "$context/lib"
  cp -a kafka-runtime/target/agent "$context/agent"
}

ensure_base_image "$STAGE/debootstrap.log"
echo "== instance images"
MOCKFACTORY_IMAGE_STAGE=$STAGE/instances deploy/build-instance-images.sh
echo "== deployment images"
stack_image jre deploy/stack/jre
JRE=mockfactory/jre:$TAG
for entry in $SERVICES; do
  stage_service "${entry%%:*}"
  RECIPE_SALT="$(docker image inspect -f '{{.Id}}' "$JRE") $entry" \
    stack_image "${entry%%:*}" "$STAGE/${entry%%:*}" --build-arg "JRE=$JRE" --build-arg "SERVICE=${entry%%:*}" --build-arg "PORT=${entry##*:}"
done
stage_kafka
RECIPE_SALT=$(docker image inspect -f '{{.Id}}' "$JRE") stack_image kafka "$STAGE/kafka" --build-arg "JRE=$JRE"
stack_image postgres deploy/stack/postgres
stack_image socket-proxy deploy/stack/socket-proxy
stack_image nginx deploy/stack/nginx
# The monitoring profile (docker-compose --profile monitoring): Prometheus with the alert rules, Alertmanager, the
# PostgreSQL exporter; Grafana is not a Debian package (its profile, dashboards, uses the public image)
stage_prometheus() {
  local context=$STAGE/prometheus
  rm -rf "$context" && mkdir -p "$context"
  cp -a deploy/stack/prometheus/. "$context/"
  cp deploy/monitoring/alerts.yml "$context/"
}
stage_prometheus
stack_image prometheus "$STAGE/prometheus"
stack_image alertmanager deploy/stack/alertmanager
stack_image postgres-exporter deploy/stack/postgres-exporter
docker image prune -f --filter label=mockfactory.recipe >/dev/null

# docker-compose reads .env: point it at this build, keeping any other settings there (and naming the project, so
# its volumes do not depend on the checkout's directory name)
touch .env
grep -q '^COMPOSE_PROJECT_NAME=' .env || echo "COMPOSE_PROJECT_NAME=mockfactory" >>.env
grep -v '^MOCKFACTORY_IMAGE_TAG=' .env >.env.new || true
echo "MOCKFACTORY_IMAGE_TAG=$TAG" >>.env.new && mv .env.new .env
grep -qx "$TAG" deploy/releases 2>/dev/null || echo "$TAG" >>deploy/releases
echo "== built $TAG in $(( $(date +%s) - started )) s; docker-compose up -d runs it (deploy/rollback.sh goes back)"
