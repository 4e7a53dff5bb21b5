#!/usr/bin/env -S node --no-warnings
// `pnpm prisma …`: the Prisma CLI with its schema engine served by our Wasm bridge, so no native
// binary is downloaded. Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use another engine.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const bridge = fileURLToPath(new URL('./schema-engine-bridge.ts', import.meta.url))

const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? bridge },
})
process.exit(result.status ?? 1)
