#!/usr/bin/env bash
# The database suites once more on the testcontainers provider, against the local/postgres:15 image
# that .ci/docker-engine.sh provides (run it first). Writes Vitest's JSON report to $1, and fails if a
# container of the run is left behind.
set -euo pipefail
report=$1
image=local/postgres:15
# The kit labels its containers with this, valued <host>:<pid of the Vitest process>.
owner_label=dev.tenantkit.owner

say() { echo "ci: testcontainers: $*"; }

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
