#!/usr/bin/env node
// `tenantkit-prisma …`: the Prisma CLI with the Wasm schema engine. The build once installed, the
// source inside the tenantkit workspace (its `@tenantkit/source` condition, see package.json "imports").
// Imported once the Node version is checked: an older Node fails while loading the engine.
import './require-node.js'

await import('#cli/prisma')
