#!/usr/bin/env bash
# The third example, examples/express-only: a multi-tenant Express 5 + Prisma 7 API in a project
# that installs Express and no other web framework (no Fastify, Hono or NestJS), as such a team gets
# the kit: from a registry, by name and version range. Proves issue 41's "a project with only
# Express installs the packed kit and passes its suite with none of the other frameworks installed".
# Like .ci/saas-example.sh: under a throwaway local registry (.ci/local-registry.sh) unless
# TENANTKIT_REGISTRY is given, it copies the example's committed files into clean folders outside
# the workspace twice and installs with no `overrides`:
# - npm: `npm ci` from the example's own lockfile (install scripts only as `allowScripts` allows);
#   checks that its first migration is what the README's offline command writes;
# - pnpm: `pnpm install` with only the build allowances of the example's pnpm-workspace.yaml;
# each time checks that node_modules holds no fastify, hono or @nestjs package (the kit's peers on
# them are optional), typechecks (tsc --noEmit) and runs the suite, writing
# <report-dir>/express-only-npm.json and <report-dir>/express-only-pnpm.json.
# Usage: [PRISMA_VERSION=7.0.0] bash .ci/express-only-example.sh <report-dir>
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: bash .ci/express-only-example.sh <report-dir>" >&2; exit 64; }
if [ -z "${TENANTKIT_REGISTRY:-}" ]; then exec bash .ci/local-registry.sh bash .ci/express-only-example.sh "$@"; fi
mkdir -p "$1"
reports=$(cd "$1" && pwd)
root=$PWD
example=examples/express-only
work=$(mktemp -d)
# As root, the embedded PostgreSQL runs as `postgres`, which must reach its binaries in node_modules.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

say() { echo "express-only: $* (${SECONDS}s in)"; }

copy_example() {
  local into=$1
  mkdir -p "$into"
  git ls-files -z "$example" | while IFS= read -r -d '' file; do
    mkdir -p "$into/$(dirname "${file#"$example"/}")"
    cp "$file" "$into/${file#"$example"/}"
  done
  printf 'registry=%s\n' "$TENANTKIT_REGISTRY" >"$into/.npmrc"
}

# Nothing of the workspace leaks in: no source condition (NODE_OPTIONS), no workspace node_modules above.
run() { env -u NODE_OPTIONS "$@"; }

# No other web framework anywhere in node_modules: not at the top, not nested under a dependency,
# not in pnpm's store (.pnpm/fastify@5…/node_modules/fastify, reached through symlinks). The
# @fastify/ scope is not Fastify: light-my-request (the kit's Express transport) depends on
# @fastify/deepmerge, a plain function.
assert_only_express() {
  local found
  found=$(find node_modules -not -path '*/.bin/*' \
    \( -name fastify -o -name 'fastify@*' -o -name hono -o -name 'hono@*' -o -name '@nestjs' -o -name '@nestjs+*' \) \
    -print -prune)
  if [ -n "$found" ]; then
    echo "express-only: node_modules holds a web framework other than Express:" >&2
    echo "$found" >&2
    return 1
  fi
  [ -e node_modules/express/package.json ] ||
    { echo "express-only: express is not installed" >&2; return 1; }
  say "no fastify, hono or @nestjs in node_modules; express $(node -p 'require("./node_modules/express/package.json").version')"
}

say "npm: npm ci from $example/package-lock.json"
copy_example "$work/npm"
cd "$work/npm"
# The kit's entries carry no integrity (each run republishes 0.1.0): see .ci/standalone-example.sh.
node -e '
  const fs = require("node:fs"); const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const [path, entry] of Object.entries(lock.packages))
    if (path.startsWith("node_modules/@tenantkit/")) { delete entry.integrity; delete entry.resolved }
  fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2));
'
run npm ci --no-audit --no-fund --strict-allow-scripts
# What npm itself says (its lockfile's tree): none of the three is anywhere in it.
ls_out=$(run npm ls fastify hono @nestjs/core @nestjs/common --all 2>&1 || true)
echo "$ls_out"
if ! grep -q '(empty)' <<<"$ls_out"; then
  echo "express-only: npm ls finds another web framework (above)" >&2
  exit 1
fi
assert_only_express
# The first migration as the README's step 3 makes it (offline): it must be the committed one.
init=$(ls -d prisma/migrations/*_init)/migration.sql
run npx tenantkit-prisma migrate diff --from-empty --to-schema prisma/schema.prisma --script \
  --output "$work/init.sql" >/dev/null 2>&1
if ! cmp -s "$init" "$work/init.sql"; then
  echo "express-only: the README's migrate diff --from-empty no longer writes the committed $init:" >&2
  diff "$init" "$work/init.sql" >&2 || true
  exit 1
fi
# (Checked above, on the project as committed: Prisma 7.0.0's own CLI brings hono, through @prisma/dev.)
if [ -n "${PRISMA_VERSION:-}" ]; then
  run npm install --no-save --no-audit --no-fund \
    "prisma@$PRISMA_VERSION" "@prisma/client@$PRISMA_VERSION" "@prisma/adapter-pg@$PRISMA_VERSION"
  run npm run postinstall
fi
run npm run --silent typecheck
run npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/express-only-npm.json"

say "pnpm: pnpm install, no lockfile, the build allowances of $example/pnpm-workspace.yaml"
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
run pnpm install --no-frozen-lockfile
assert_only_express
run pnpm run --silent typecheck
run pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$reports/express-only-pnpm.json"
say "npm and pnpm passes done"
