#!/usr/bin/env bash
# A private Docker engine for the docker runtime driver's tests (no registry is reachable here, so the images are built
# from a debootstrap root filesystem). Never touches /var/run/docker.sock; everything lives under $ENGINE_DIR.
#   deploy/docker-test-engine.sh start   # prints DOCKER_HOST=unix://… on success
#   deploy/docker-test-engine.sh stop
set -euo pipefail
ENGINE_DIR=${MOCKFACTORY_DOCKER_DIR:-/tmp/mockfactory-docker}
BRIDGE=mfdocker0
SOCKET=$ENGINE_DIR/docker.sock
export DOCKER_HOST=unix://$SOCKET

start() {
  mkdir -p "$ENGINE_DIR"
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add 10.213.0.1/24 dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
  if [ ! -S "$SOCKET" ] || ! docker info >/dev/null 2>&1; then
    dockerd -H "$DOCKER_HOST" --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
      --pidfile "$ENGINE_DIR/dockerd.pid" --iptables=false --ip-masq=false --bridge="$BRIDGE" \
      --userland-proxy=true >"$ENGINE_DIR/dockerd.log" 2>&1 &
    for _ in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.1; done
    docker info >/dev/null
  fi
  if ! docker image inspect mockfactory/bookworm-base >/dev/null 2>&1; then
    rm -rf "$ENGINE_DIR/rootfs"
    debootstrap --variant=minbase bookworm "$ENGINE_DIR/rootfs" http://deb.debian.org/debian >"$ENGINE_DIR/debootstrap.log" 2>&1
    tar -C "$ENGINE_DIR/rootfs" -c . | docker import - mockfactory/bookworm-base >/dev/null
    rm -rf "$ENGINE_DIR/rootfs"
  fi
  if ! docker image inspect mockfactory/redis:7 >/dev/null 2>&1; then
    build=$(mktemp -d)
    cat >"$build/Dockerfile" <<'DOCKERFILE'
FROM mockfactory/bookworm-base
RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/* && mkdir -p /etc/mockfactory /data
EXPOSE 6379
CMD ["redis-server", "/etc/mockfactory/redis.conf"]
DOCKERFILE
    DOCKER_BUILDKIT=0 docker build --network host -t mockfactory/redis:7 "$build" >"$ENGINE_DIR/build.log" 2>&1
    rm -rf "$build"
  fi
  echo "DOCKER_HOST=$DOCKER_HOST"
}

stop() {
  if [ -f "$ENGINE_DIR/dockerd.pid" ]; then
    docker ps -aq --filter label=mockfactory.environment | xargs -r docker rm -f >/dev/null 2>&1 || true
    kill "$(cat "$ENGINE_DIR/dockerd.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$ENGINE_DIR/dockerd.pid" ] || break; sleep 0.2; done
  fi
  ip link del "$BRIDGE" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
