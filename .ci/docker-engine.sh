#!/usr/bin/env bash
# Gives this run a Docker engine and the local/postgres:15 image, when this machine can have them
# (root and apt: ../shared/docker/local-postgres-image.sh builds the image without any registry).
#   bash .ci/docker-engine.sh start   exit 0 with the engine up and the image built; otherwise one
#                                     line says why not, and exit 3
#   bash .ci/docker-engine.sh stop    stops the engine if `start` started it
# Sourced by nothing: .ci/run calls it before the suite, so the suite's testcontainers tests run for
# real, and stops the engine when it ends.
set -euo pipefail
setup=../shared/docker/local-postgres-image.sh
started_marker=${TMPDIR:-/tmp}/tenantkit-ci-started-dockerd.pid

say() { echo "ci: docker: $*"; }

start() {
  if [ "$(id -u)" != 0 ]; then say "none: needs root to install and start Docker ($setup)"; exit 3; fi
  if ! command -v apt-get >/dev/null && ! command -v dockerd >/dev/null; then
    say "none: no apt-get to install Docker, and no dockerd"
    exit 3
  fi
  if [ ! -x "$setup" ]; then say "none: $setup is missing (CI lays shared/ beside the clone)"; exit 3; fi
  local was_up=no
  docker info >/dev/null 2>&1 && was_up=yes
  local log
  if ! log=$("$setup" 2>&1); then
    say "none: $setup failed: $(echo "$log" | tail -n 1)"
    exit 3
  fi
  if [ "$was_up" = no ] && [ -s /var/run/docker.pid ]; then cp /var/run/docker.pid "$started_marker"; fi
  say "engine up, $(echo "$log" | tail -n 1)"
}

stop() {
  [ -s "$started_marker" ] || return 0
  local pid
  pid=$(cat "$started_marker")
  rm -f "$started_marker"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  say "engine stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
