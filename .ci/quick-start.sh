#!/usr/bin/env bash
# The README's quick start on a bare machine, for real: a clean clone of HEAD; on PATH only the
# machine's oldest Node (20 here) with its npm, no pnpm, no cached Node 24; HOME and every cache in a
# scratch folder. Runs the lines of the README's "Quick start" block as they are written: the first-time
# step, `pnpm install && pnpm dev` (until the API is up, then logs in with the demo login it prints and
# reads /me), and `pnpm test`. Leaves nothing behind. Run by .ci/run and by CI's quick-start job.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
min_node=22.22 # the root package.json's engines: an older Node exercises the pinned runtime

say() { echo "quick-start: $*"; }
version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]; }

# The machine's own Node: QUICK_START_NODE, else the oldest on PATH (skipping node_modules/.bin shims
# and tenantkit's caches).
bare_node=${QUICK_START_NODE:-}
bare_version=$([ -n "$bare_node" ] && "$bare_node" -p 'process.versions.node' || true)
[ -n "$bare_node" ] || while IFS= read -r candidate; do
  case "$candidate" in */node_modules/.bin/* | *tenantkit*) continue ;; esac
  version=$("$candidate" -p 'process.versions.node' 2>/dev/null) || continue
  if [ -z "$bare_node" ] || version_lt "$version" "$bare_version"; then
    bare_node=$candidate bare_version=$version
  fi
done < <(type -ap node | awk '!seen[$0]++')
[ -n "$bare_node" ] || { say "no node on PATH: a bare machine has Node and npm"; exit 1; }
if version_lt "$bare_version" "$min_node"; then
  say "Node $bare_version from $bare_node (older than $min_node: the pinned Node 24 must take over)"
else
  say "Node $bare_version from $bare_node (this machine has no Node older than $min_node; the pinned runtime is not exercised)"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tenantkit-quick-start.XXXXXX")
# As root the embedded PostgreSQL runs as the postgres user, which must reach the clone's .tenantkit.
chmod 755 "$scratch"
dev_pid=
cleanup() {
  if [ -n "$dev_pid" ] && kill -0 "$dev_pid" 2>/dev/null; then kill -KILL -- "-$dev_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

git clone --quiet "$repo" "$scratch/repo"
mkdir -p "$scratch/home"
# The bare PATH: that Node's folder (node, npm, npx), the global npm prefix the README's step fills,
# and the system's basic commands. /usr/local/bin and every other tool folder stay out.
bare_path="$scratch/npm-global/bin:$(dirname "$bare_node"):/usr/bin:/bin"
# A pnpm installed system-wide is hidden behind a stand-in that answers as a missing command would,
# placed after the scratch prefix, so the README's install step is what brings pnpm.
if system_pnpm=$(PATH=$bare_path command -v pnpm); then
  say "pnpm is installed system-wide ($system_pnpm): hidden for the quick start"
  mkdir -p "$scratch/no-pnpm"
  printf '#!/bin/sh\necho "pnpm: command not found" >&2\nexit 127\n' >"$scratch/no-pnpm/pnpm"
  chmod +x "$scratch/no-pnpm/pnpm"
  bare_path="$scratch/npm-global/bin:$scratch/no-pnpm:$(dirname "$bare_node"):/usr/bin:/bin"
fi
# The machine's environment (its network and certificate settings included), less whatever a set-up
# machine adds: package-manager and test settings, XDG folders, the app's own variables.
bare_env=(env)
while IFS= read -r name; do bare_env+=(-u "$name"); done < <(compgen -e | grep -E \
  '^(npm_|NPM_|PNPM|pnpm_|COREPACK|XDG_|TENANTKIT|TEST_|VITEST|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$|DATABASE_URL$|JWT_SECRET$|PORT$|HOST$)')
bare_env+=(
  "PATH=$bare_path" "HOME=$scratch/home" "CI=${CI:-true}"
  # `npm install -g` without root writes to a prefix of your own; here, into the scratch folder too.
  "npm_config_prefix=$scratch/npm-global" "npm_config_update_notifier=false" "npm_config_fund=false"
)

# The README's Quick start block: the lines of its first ```sh fence.
mapfile -t lines < <(awk '/^## Quick start/{q=1; next} q && /^## /{exit} q && /^```sh/{f=1; next} f && /^```/{exit} f && NF' "$scratch/repo/README.md")
[ "${#lines[@]}" -ge 2 ] || { say "found no command lines in the README's Quick start"; exit 1; }

for line in "${lines[@]}"; do
  say "\$ $line"
  if [[ "$line" != *"pnpm dev"* ]]; then
    (cd "$scratch/repo" && "${bare_env[@]}" bash -c "$line")
    continue
  fi
  # The line that starts the API: run it in its own process group, wait for the banner, try the login.
  log=$scratch/dev.log
  (cd "$scratch/repo" && exec setsid "${bare_env[@]}" PORT=0 bash -c "$line") >"$log" 2>&1 &
  dev_pid=$!
  for _ in $(seq 1 600); do
    grep -q 'ready at http' "$log" && break
    kill -0 "$dev_pid" 2>/dev/null || { cat "$log"; say "the line ended before the API was up"; exit 1; }
    sleep 1
  done
  grep -q 'ready at http' "$log" || { tail -n 40 "$log"; say "the API was not up after 10 minutes"; exit 1; }
  sed -n '/ready at http/,/demo login/p' "$log"
  url=$(grep -o 'ready at http[^ ]*' "$log" | head -n1 | cut -d' ' -f3)
  login=$(grep -o 'demo login: [^ ]* / [^ ]*' "$log" | head -n1)
  email=$(echo "$login" | cut -d' ' -f3)
  password=$(echo "$login" | cut -d' ' -f5)
  "$bare_node" - "$url" "$email" "$password" <<'JS'
const [url, email, password] = process.argv.slice(2)
const login = await fetch(`${url}/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password }),
})
const session = await login.json()
if (login.status !== 200 || !session.accessToken) throw new Error(`login as ${email}: ${login.status} ${JSON.stringify(session)}`)
const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${session.accessToken}` } })
const body = await me.json()
if (me.status !== 200 || !body.memberships?.length) throw new Error(`GET /me: ${me.status} ${JSON.stringify(body)}`)
console.log(`quick-start: logged in as ${email}; /me lists ${body.memberships.length} membership(s)`)
JS
  # SIGTERM (pnpm forwards it; SIGINT from outside a terminal it does not) stops the API and its PostgreSQL.
  kill -TERM -- "-$dev_pid"
  for _ in $(seq 1 60); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$dev_pid" 2>/dev/null; then say "pnpm dev did not stop on SIGTERM"; exit 1; fi
  dev_pid=
  if pgrep -f "$scratch/repo/.tenantkit" >/dev/null; then say "pnpm dev left its PostgreSQL running"; exit 1; fi
done
say "ok: the README's quick start works from a clean clone with Node $bare_version and no pnpm"
