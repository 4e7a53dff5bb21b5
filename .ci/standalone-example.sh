#!/usr/bin/env bash
# The kit as another repository gets it: packs the packages, copies examples/standalone (its
# committed files only) into a clean folder outside the workspace, installs the tarballs there
# with npm from the example's own lockfile, checks that its first migration is what the documented
# offline command writes, typechecks it (tsc --noEmit against the packed kit's types), and runs its
# suite on the embedded provider.
# Usage: [PRISMA_VERSION=7.0.0] bash .ci/standalone-example.sh <json-report-path>
set -euo pipefail
cd "$(dirname "$0")/.."
report=$1
work=$(mktemp -d)
# As root, the embedded PostgreSQL runs as `postgres`, which must reach its binaries in node_modules.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

git ls-files -z examples/standalone | while IFS= read -r -d '' file; do
  mkdir -p "$work/$(dirname "${file#examples/standalone/}")"
  cp "$file" "$work/${file#examples/standalone/}"
done
pnpm --silent pack:packages "$work/packages" >/dev/null
# The lockfile pins every third-party version; the three tarballs are this commit's build, whose
# hash changes with the kit's source, so their recorded integrity is dropped before `npm ci`.
(cd "$work" && node -e '
  const fs = require("node:fs"); const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const entry of Object.values(lock.packages)) if (entry.resolved?.startsWith("file:")) delete entry.integrity;
  fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2));
')
# Nothing of the workspace leaks in: no source condition, no workspace node_modules above it.
cd "$work"
env -u NODE_OPTIONS npm ci --no-audit --no-fund
# The first migration as its README makes it (offline: no database): it must be the committed one.
init=db/migrations/20261204000000_init/migration.sql
cp "$init" committed-init.sql
env -u NODE_OPTIONS npm run --silent db:init-migration >/dev/null
if ! cmp -s committed-init.sql "$init"; then
  echo "standalone: npm run db:init-migration no longer writes the committed $init:" >&2
  diff committed-init.sql "$init" >&2 || true
  exit 1
fi
# PRISMA_VERSION=7.0.0 (the lowest of the kit's @prisma/client peer range) or `latest`: CI's matrix.
if [ -n "${PRISMA_VERSION:-}" ]; then
  env -u NODE_OPTIONS npm install --no-save --no-audit --no-fund \
    "prisma@$PRISMA_VERSION" "@prisma/client@$PRISMA_VERSION" "@prisma/adapter-pg@$PRISMA_VERSION"
  env -u NODE_OPTIONS npm run postinstall
fi
# The example's code and tests against the packed kit's declarations, under a plain tsconfig.
env -u NODE_OPTIONS npm run --silent typecheck
env -u NODE_OPTIONS npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
