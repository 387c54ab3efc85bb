#!/usr/bin/env bash
# Builds the images the provisioner's docker runtime runs (deploy/images/*) into the engine DOCKER_HOST names:
#   mockfactory/redis:7, mockfactory/postgresql:15 (postgresql, postgis, postgresql_pgvector), mockfactory/elasticmq:1.7
# FROM $MOCKFACTORY_BASE_IMAGE: a Debian bookworm image. By default mockfactory/bookworm-base, made here with
# debootstrap when the engine lacks it; with a registry, e.g.
#   MOCKFACTORY_BASE_IMAGE=debian:bookworm-slim deploy/build-instance-images.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGES=$ROOT/deploy/images
STAGE=${MOCKFACTORY_IMAGE_STAGE:-$ROOT/target/image-stage}
mkdir -p "$STAGE"
# shellcheck source=deploy/lib/images.sh
. "$ROOT/deploy/lib/images.sh"

# deploy/images/<recipe> plus what was staged for it, as <tag>
build_image() {
  local tag=$1 recipe=$2 context
  context=$(mktemp -d)
  cp -a "$IMAGES/$recipe/." "$context/"
  [ -d "$STAGE/$recipe" ] && cp -a "$STAGE/$recipe/." "$context/"
  build_recipe "$tag" "$context" "$STAGE/build-$recipe.log" || { rm -rf "$context"; return 1; }
  rm -rf "$context"
}

# pgvector's files as deploy/install-pgvector.sh installed them on this host (an image without them has no
# postgresql_pgvector flavour; the provisioner's readiness check then says the extension is missing)
stage_pgvector() {
  local stage=$STAGE/postgresql
  rm -rf "$stage" && mkdir -p "$stage/pgvector/usr/lib/postgresql/15/lib" "$stage/pgvector/usr/share/postgresql/15/extension"
  if [ -f /usr/lib/postgresql/15/lib/vector.so ]; then
    cp /usr/lib/postgresql/15/lib/vector.so "$stage/pgvector/usr/lib/postgresql/15/lib/"
    cp /usr/share/postgresql/15/extension/vector* "$stage/pgvector/usr/share/postgresql/15/extension/"
  elif build_pgvector_in_container; then
    cp -a "$STAGE/pgvector-built/." "$stage/pgvector/"
  else
    echo "pgvector could not be built (log: $STAGE/build-pgvector.log): mockfactory/postgresql:15 will lack it" >&2
  fi
}

# Not on this host: the same script builds it in a throwaway container of the base image (kept for later builds), so
# a machine that never ran ./mockfactory up gets the flavour too, with nothing installed on the host
build_pgvector_in_container() {
  local out=$STAGE/pgvector-built
  [ -f "$out/usr/lib/postgresql/15/lib/vector.so" ] && return 0
  echo "building pgvector in a container of $BASE" >&2
  rm -rf "$out" && mkdir -p "$out"
  docker run --rm --network host -v "$ROOT/deploy/install-pgvector.sh:/install-pgvector.sh:ro" -v "$out:/out" "$BASE" bash -c '
    set -e
    mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    apt-get update -q && apt-get install -y -q --no-install-recommends postgresql-server-dev-15 make gcc curl ca-certificates
    bash /install-pgvector.sh
    mkdir -p /out/usr/lib/postgresql/15/lib /out/usr/share/postgresql/15/extension
    cp /usr/lib/postgresql/15/lib/vector.so /out/usr/lib/postgresql/15/lib/
    cp /usr/share/postgresql/15/extension/vector* /out/usr/share/postgresql/15/extension/' >"$STAGE/build-pgvector.log" 2>&1
}

# ElasticMQ's jars, laid out by the elasticmq-runtime module (built here if the build has not done it yet)
stage_elasticmq() {
  local stage=$STAGE/elasticmq
  [ -d "$ROOT/elasticmq-runtime/target/lib" ] || (cd "$ROOT" && ./mvnw -B -q -pl elasticmq-runtime -am package -DskipTests >&2) || return 1
  rm -rf "$stage" && mkdir -p "$stage/lib" && cp "$ROOT"/elasticmq-runtime/target/lib/*.jar "$stage/lib/"
}

ensure_base_image "$STAGE/debootstrap.log"
build_image mockfactory/redis:7 redis
stage_pgvector
build_image mockfactory/postgresql:15 postgresql
stage_elasticmq && build_image mockfactory/elasticmq:1.7 elasticmq
docker image prune -f --filter label=mockfactory.recipe >/dev/null
