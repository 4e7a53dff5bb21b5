#!/usr/bin/env node
// `tenantkit-check`: checks that a Prisma migrations folder and its schema agree, on a throwaway
// PostgreSQL it starts and stops itself (src/cli/check.ts; `--help` for the usage). The build once
// installed, the source inside the tenantkit workspace (its `@tenantkit/source` condition, see
// package.json "imports"). The Node version is checked first: the Prisma CLI it runs needs 22.18.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `tenantkit-check: needs Node ≥ 22.18, and this is Node ${process.versions.node} (${process.execPath}). Install Node 22.18 or newer (24 LTS), put it first on PATH, and run the command again.`,
  )
  process.exit(1)
}

await import('#cli/check')
