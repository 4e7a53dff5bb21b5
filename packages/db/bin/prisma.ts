#!/usr/bin/env -S node --no-warnings
// `pnpm prisma …`: the Prisma CLI with its schema engine served by our Wasm bridge, so no native
// binary is downloaded. Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use another engine.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { delimiter, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const bridge = fileURLToPath(new URL('./schema-engine-bridge.ts', import.meta.url))

// Generators are commands on PATH (`tenantkit-data-model`, run by this Node): found from any folder,
// not only where pnpm put node_modules/.bin on PATH.
const bins = [dirname(process.execPath), fileURLToPath(new URL('../node_modules/.bin', import.meta.url))]
const path = [...bins, process.env.PATH ?? ''].join(delimiter)

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: path,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? bridge,
  },
})
process.exit(result.status ?? 1)
