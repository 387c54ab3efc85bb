# Sourced by deploy/build-images.sh and deploy/build-instance-images.sh: the Debian bookworm base every image is built
# FROM, and a build that is skipped when an image of exactly this recipe exists.
#   MOCKFACTORY_BASE_IMAGE   the base (default mockfactory/bookworm-base, made here with debootstrap; where a registry
#                            is reachable, e.g. debian:bookworm-slim, which is pulled)

BASE=${MOCKFACTORY_BASE_IMAGE:-mockfactory/bookworm-base}

# Makes $BASE if the engine lacks it: pulled when it names a public image, else a debootstrap minbase bookworm.
ensure_base_image() {
  local log=$1 rootfs
  docker image inspect "$BASE" >/dev/null 2>&1 && return 0
  if [ "$BASE" != mockfactory/bookworm-base ]; then
    docker pull "$BASE" >&2
    return
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap), or set MOCKFACTORY_BASE_IMAGE to a bookworm image" >&2; return 1; }
  echo "making $BASE with debootstrap" >&2
  rootfs=$(mktemp -d)
  if ! debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg bookworm "$rootfs" \
      http://deb.debian.org/debian >"$log" 2>&1; then
    rm -rf "$rootfs"; echo "debootstrap failed: $log" >&2; return 1
  fi
  tar -C "$rootfs" -c . | docker import - "$BASE" >/dev/null
  rm -rf "$rootfs"
}

# build_recipe TAG CONTEXT LOG [docker build args…]: builds CONTEXT as TAG unless TAG, or the same repository's
# latest, was built from exactly these files (their hash is a label; RECIPE_SALT, else the build args, goes into it),
# so an unchanged recipe costs nothing and an edited one is rebuilt. Docker's layer cache does the rest: a rebuilt
# service image reuses its unchanged dependency layer.
build_recipe() {
  local tag=$1 context=$2 log=$3 hash latest
  shift 3
  latest=${tag%:*}:latest
  hash=$( (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum; echo "$BASE ${RECIPE_SALT:-$*}") | sha256sum | cut -c1-16)
  if [ "$(recipe_of "$tag")" = "$hash" ]; then
    echo "unchanged $tag" >&2
    return 0
  fi
  if [ "$(recipe_of "$latest")" = "$hash" ]; then
    echo "unchanged $tag (as $latest)" >&2
    docker tag "$latest" "$tag"
    return 0
  fi
  echo "building $tag" >&2
  DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$BASE" "$@" --label "mockfactory.recipe=$hash" \
    -t "$tag" "$context" >"$log" 2>&1 || { echo "building $tag failed: $log" >&2; tail -20 "$log" >&2; return 1; }
}

recipe_of() {
  docker image inspect -f '{{index .Config.Labels "mockfactory.recipe"}}' "$1" 2>/dev/null || true
}
