#!/usr/bin/env bash
# A private Docker engine for the docker runtime driver's tests, with the instance images built into it
# (deploy/build-instance-images.sh). Never touches /var/run/docker.sock; everything lives under $ENGINE_DIR.
#   deploy/docker-test-engine.sh start   # prints DOCKER_HOST=unix://… on success
#   deploy/docker-test-engine.sh stop
set -euo pipefail
ENGINE_DIR=${MOCKFACTORY_DOCKER_DIR:-/tmp/mockfactory-docker}
BRIDGE=mfdocker0
SOCKET=$ENGINE_DIR/docker.sock
export DOCKER_HOST=unix://$SOCKET
ROOT=$(cd "$(dirname "$0")/.." && pwd)

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
  MOCKFACTORY_IMAGE_STAGE=$ENGINE_DIR/stage "$ROOT/deploy/build-instance-images.sh"
  echo "DOCKER_HOST=$DOCKER_HOST"
}

stop() {
  if [ -f "$ENGINE_DIR/dockerd.pid" ]; then
    # Every call bounded: a wedged engine (docker 20.10 can keep a container "Up" whose process has exited, and then
    # hang every call on it) must not hang whoever stops it, CI included
    timeout 60 docker ps -aq --filter label=mockfactory.environment | xargs -r timeout 60 docker rm -f >/dev/null 2>&1 || true
    # Its networks' bridges outlive a dockerd that is gone, and a later engine's network on the same subnet would
    # then route into the stale one
    timeout 60 docker network ls -q --filter type=custom | xargs -r timeout 60 docker network rm >/dev/null 2>&1 || true
    kill "$(cat "$ENGINE_DIR/dockerd.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do [ -f "$ENGINE_DIR/dockerd.pid" ] || break; sleep 0.2; done
    # Not gone after 20 s: this engine's dockerd, containerd and shims are killed (only those of $ENGINE_DIR)
    if [ -f "$ENGINE_DIR/dockerd.pid" ]; then
      kill -9 "$(cat "$ENGINE_DIR/dockerd.pid")" 2>/dev/null || true
      pkill -9 -f -- "$ENGINE_DIR/exec/containerd" 2>/dev/null || true
      rm -f "$ENGINE_DIR/dockerd.pid"
    fi
  fi
  # What a dockerd that did not finish its shutdown left mounted (its network namespace, the data root)
  awk -v dir="$ENGINE_DIR/" 'index($2, dir) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  ip link del "$BRIDGE" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
