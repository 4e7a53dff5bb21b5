#!/usr/bin/env -S node --no-warnings
// Prisma runs this as its schema engine (PRISMA_SCHEMA_ENGINE_BINARY, set by tenantkit-prisma).
// --no-warnings hides Node's ESM-Wasm warning, which would break the CLI's parsing of stderr.
// Imported once the Node version is checked: an older Node fails while loading the engine.
import './require-node.js'

await import('#cli/schema-engine-bridge')
