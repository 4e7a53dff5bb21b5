#!/usr/bin/env bash
# The database suites once more on the testcontainers provider, against a local/postgres:15 image
# that ../shared/docker/local-postgres-image.sh builds without any image registry (root and apt needed).
# Writes Vitest's JSON report to $1; says in one line why when it cannot run. Stops a Docker engine it
# started, and fails if a container of the run is left.
set -euo pipefail
report=$1
image=local/postgres:15
setup=../shared/docker/local-postgres-image.sh
# The kit labels its containers with this, valued <host>:<pid of the Vitest process>.
owner_label=dev.tenantkit.owner

say() { echo "ci: testcontainers: $*"; }

if [ "$(id -u)" != 0 ]; then say "not run: needs root to install and start Docker ($setup)"; exit 0; fi
if ! command -v apt-get >/dev/null && ! command -v dockerd >/dev/null; then
  say "not run: no apt-get to install Docker, and no dockerd"
  exit 0
fi
if [ ! -x "$setup" ]; then say "not run: $setup is missing (CI lays shared/ beside the clone)"; exit 0; fi

engine_was_up=no
docker info >/dev/null 2>&1 && engine_was_up=yes
stop_engine() {
  if [ "$engine_was_up" = no ] && [ -s /var/run/docker.pid ]; then
    pid=$(cat /var/run/docker.pid)
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
}
trap stop_engine EXIT

if ! setup_log=$("$setup" 2>&1); then
  say "not run: $setup failed: $(echo "$setup_log" | tail -n 1)"
  exit 0
fi

# Containers that belong to no live process of this host once the run is over.
orphans() {
  docker ps -a --filter "label=$owner_label" --format "{{.ID}} {{.Label \"$owner_label\"}}" |
    while read -r id owner; do
      host=${owner%%:*} pid=${owner##*:}
      if [ "$host" = "$(hostname)" ] && ! kill -0 "$pid" 2>/dev/null; then echo "$id"; fi
    done
}
before=$(docker ps -aq --filter "label=$owner_label" | sort)

say "the database suites on $image"
status=0
TEST_DB_PROVIDER=testcontainers TEST_PG_IMAGE=$image TESTCONTAINERS_RYUK_DISABLED=true \
  pnpm test --project='!tooling' --reporter=default --reporter=json --outputFile.json="$report" || status=1

# The kit's watchdog removes the container once Vitest is gone; give it a moment.
left=
for _ in $(seq 1 30); do
  left=$(comm -13 <(echo "$before") <(orphans | sort))
  [ -z "$left" ] && break
  sleep 1
done
if [ -n "$left" ]; then
  say "containers left behind: $(echo "$left" | tr '\n' ' ')"
  status=1
else
  say "no container left"
fi
exit "$status"
