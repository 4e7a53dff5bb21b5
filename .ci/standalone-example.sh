#!/usr/bin/env bash
# The kit as another repository gets it: from a registry, by name and version range. Publishes this
# commit's packages to a throwaway local registry (.ci/local-registry.sh: Verdaccio on loopback,
# proxying the public registry for everything else), then twice copies examples/standalone (its
# committed files only) into a clean folder outside the workspace, points it at that registry with a
# project .npmrc, and installs with no `overrides`:
# - npm: `npm ci` from the example's own lockfile, with only the install scripts its package.json's
#   `allowScripts` allows; checks that its first migration is what the documented offline command
#   writes;
# - pnpm: `pnpm install` as a pnpm user does, with only the build allowances of the example's
#   pnpm-workspace.yaml (the lines the README's step 1 gives pnpm users);
# each time typechecks it (tsc --noEmit against the published kit's types) and runs its suite on the
# embedded provider, writing <report-dir>/standalone-npm.json and <report-dir>/standalone-pnpm.json.
# Usage: [PRISMA_VERSION=7.0.0] bash .ci/standalone-example.sh <report-dir>
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: bash .ci/standalone-example.sh <report-dir>" >&2; exit 64; }
# Under a registry of its own unless one is given (TENANTKIT_REGISTRY, set by .ci/local-registry.sh).
if [ -z "${TENANTKIT_REGISTRY:-}" ]; then exec bash .ci/local-registry.sh bash .ci/standalone-example.sh "$@"; fi
mkdir -p "$1"
reports=$(cd "$1" && pwd)
root=$PWD
work=$(mktemp -d)
# As root, the embedded PostgreSQL runs as `postgres`, which must reach its binaries in node_modules.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

say() { echo "standalone: $* (${SECONDS}s in)"; }

# A clean copy of the example's committed files, installing from the local registry only.
copy_example() {
  local into=$1
  mkdir -p "$into"
  git ls-files -z examples/standalone | while IFS= read -r -d '' file; do
    mkdir -p "$into/$(dirname "${file#examples/standalone/}")"
    cp "$file" "$into/${file#examples/standalone/}"
  done
  printf 'registry=%s\n' "$TENANTKIT_REGISTRY" >"$into/.npmrc"
}

# Nothing of the workspace leaks in: no source condition (NODE_OPTIONS), no workspace node_modules above.
run() { env -u NODE_OPTIONS "$@"; }

say "npm: npm ci from examples/standalone/package-lock.json"
copy_example "$work/npm"
cd "$work/npm"
# The lockfile pins every third-party version. For the kit it records the version only: each run
# republishes 0.1.0 with this commit's build, so a recorded integrity (or a tarball URL, which names
# the registry) could not hold. Dropped here too in case an `npm install` wrote them back.
node -e '
  const fs = require("node:fs"); const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const [path, entry] of Object.entries(lock.packages))
    if (path.startsWith("node_modules/@tenantkit/")) { delete entry.integrity; delete entry.resolved }
  fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2));
'
# npm 12 runs a dependency's install script only when package.json's `allowScripts` allows it (the
# block the README's step 1 gives npm users); npm 11 runs them all with a warning. Strict: a script
# that block does not decide fails the install here rather than being skipped or run unseen.
run npm ci --no-audit --no-fund --strict-allow-scripts
# The first migration as its README makes it (offline: no database): it must be the committed one.
init=db/migrations/20261204000000_init/migration.sql
cp "$init" committed-init.sql
run npm run --silent db:init-migration >/dev/null
if ! cmp -s committed-init.sql "$init"; then
  echo "standalone: npm run db:init-migration no longer writes the committed $init:" >&2
  diff committed-init.sql "$init" >&2 || true
  exit 1
fi
# PRISMA_VERSION=7.0.0 (the lowest of the kit's @prisma/client peer range) or `latest`: CI's matrix.
if [ -n "${PRISMA_VERSION:-}" ]; then
  run npm install --no-save --no-audit --no-fund \
    "prisma@$PRISMA_VERSION" "@prisma/client@$PRISMA_VERSION" "@prisma/adapter-pg@$PRISMA_VERSION"
  run npm run postinstall
fi
# The example's code and tests against the published kit's declarations, under a plain tsconfig.
run npm run --silent typecheck
run npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/standalone-npm.json"

say "pnpm: pnpm install, no lockfile, the build allowances of examples/standalone/pnpm-workspace.yaml"
cd "$root"
copy_example "$work/pnpm"
cd "$work/pnpm"
rm package-lock.json
if [ -n "${PRISMA_VERSION:-}" ]; then
  node -e '
    const fs = require("node:fs"); const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const version = process.argv[1];
    pkg.dependencies["@prisma/client"] = pkg.dependencies["@prisma/adapter-pg"] = version;
    pkg.devDependencies.prisma = version;
    fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
  ' "$PRISMA_VERSION"
fi
# No lockfile is committed for pnpm: a first install resolves (CI=true would otherwise mean frozen).
# pnpm's minimumReleaseAge holds back versions published minutes ago, which the kit's always are
# here: pnpm then adds them to minimumReleaseAgeExclude in the copy's pnpm-workspace.yaml, as it does
# for a user installing a release on its first day.
run pnpm install --no-frozen-lockfile
run pnpm run --silent typecheck
run pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$reports/standalone-pnpm.json"
say "npm and pnpm passes done"
