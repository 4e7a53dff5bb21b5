#!/usr/bin/env bash
# Runs a command with the kit's packages on a throwaway npm registry, so that a project installs them
# by name and version range as it will from the public registry (no tarball paths, no `overrides`).
# Verdaccio (a root devDependency) listens on a free loopback port with its storage in a temp folder;
# this commit's three packages are built, packed (`pnpm pack:packages`) and published to it; every
# other package is proxied from the registry npm is configured with. The command runs with
# TENANTKIT_REGISTRY set to the registry's URL (point npm or pnpm at it with a project .npmrc or
# `--registry`); then Verdaccio is stopped and its folder removed, whatever the command's outcome.
# Usage: bash .ci/local-registry.sh <command> [args...]
#   e.g. bash .ci/local-registry.sh sh -c 'cd examples/standalone && npm install --registry "$TENANTKIT_REGISTRY"'
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: bash .ci/local-registry.sh <command> [args...]" >&2; exit 64; }

say() { echo "local-registry: $* (${SECONDS}s in)" >&2; }

dir=$(mktemp -d)
verdaccio_pid=
stop() {
  if [ -n "$verdaccio_pid" ] && kill -0 "$verdaccio_pid" 2>/dev/null; then
    kill "$verdaccio_pid" 2>/dev/null || true
    wait "$verdaccio_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The registry the machine's npm uses (the public one, or a mirror CI is configured with) is the uplink.
upstream=$(npm config get registry)
port=$(node -e '
  const server = require("node:net").createServer().listen(0, "127.0.0.1", () => {
    console.log(server.address().port); server.close()
  })')
url="http://127.0.0.1:$port/"
cat >"$dir/config.yaml" <<EOF
storage: $dir/storage
web:
  enable: false
uplinks:
  upstream:
    url: $upstream
    timeout: 60s
packages:
  # The kit only from here, never from the uplink: what is installed is this commit's build.
  '@tenantkit/*':
    access: \$all
    publish: \$anonymous
    unpublish: \$anonymous
  '**':
    access: \$all
    proxy: upstream
max_body_size: 200mb
log: { type: stdout, format: pretty, level: warn }
EOF
# Node 24 (on PATH in .ci/run and CI) and no workspace NODE_OPTIONS: Verdaccio runs as a plain tool.
env -u NODE_OPTIONS node node_modules/verdaccio/bin/verdaccio \
  --config "$dir/config.yaml" --listen "127.0.0.1:$port" >"$dir/verdaccio.log" 2>&1 &
verdaccio_pid=$!
for _ in $(seq 1 100); do
  if ! kill -0 "$verdaccio_pid" 2>/dev/null; then
    say "Verdaccio exited at start:"; cat "$dir/verdaccio.log" >&2; exit 1
  fi
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "$url-/ping"; then
    break
  fi
  sleep 0.2
done
node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url-/ping" ||
  { say "Verdaccio did not answer on $url:"; cat "$dir/verdaccio.log" >&2; exit 1; }
say "Verdaccio $(node -p 'require("./node_modules/verdaccio/package.json").version') on $url (pid $verdaccio_pid, uplink $upstream)"

# Publish as anyone may here ($anonymous): npm still wants a token for the registry, any will do.
printf '//127.0.0.1:%s/:_authToken=anonymous\n' "$port" >"$dir/npmrc"
pnpm --silent pack:packages "$dir/packages" >/dev/null
for tarball in "$dir"/packages/*.tgz; do
  env -u NODE_OPTIONS npm publish "$tarball" --registry "$url" --userconfig "$dir/npmrc" \
    --access public --provenance=false --no-audit --no-fund --no-update-notifier --loglevel=warn >/dev/null
done
say "published $(cd "$dir/packages" && echo *.tgz)"

export TENANTKIT_REGISTRY=$url
status=0
"$@" || status=$?
exit "$status"
