#!/usr/bin/env -S node --no-warnings
// `pnpm prisma …`: the Prisma CLI with its schema engine served by our Wasm bridge, so no native
// binary is downloaded. Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use another engine.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { delimiter, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const bridge = fileURLToPath(new URL('./schema-engine-bridge.ts', import.meta.url))

// Without a URL, most commands stop in the CLI itself, before the engine starts, with "Connection
// url is empty": the line below it says where the URL comes from here (the bridge says the same
// for the commands that reach it).
const CLI_MISSING_URL = 'Connection url is empty'
const MISSING_URL_HINT = 'Set datasource.url in prisma.config.ts (DATABASE_URL=postgresql://…).\n'

// Generators are commands on PATH (`tenantkit-data-model`, run by this Node): found from any folder,
// not only where pnpm put node_modules/.bin on PATH.
const bins = [dirname(process.execPath), fileURLToPath(new URL('../node_modules/.bin', import.meta.url))]
const path = [...bins, process.env.PATH ?? ''].join(delimiter)

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  // stdin and stdout stay the terminal's (prompts, colours); only stderr passes through us.
  stdio: ['inherit', 'inherit', 'pipe'],
  env: {
    ...process.env,
    PATH: path,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? bridge,
  },
})

let partialLine = ''
const scan = (text: string) => {
  const lines = (partialLine + text).split('\n')
  partialLine = lines.pop() ?? ''
  if (lines.some((line) => line.includes(CLI_MISSING_URL))) process.stderr.write(MISSING_URL_HINT)
}
child.stderr.on('data', (chunk: Buffer) => {
  process.stderr.write(chunk)
  scan(chunk.toString())
})

// A signal is passed on and we wait for the CLI to finish (Ctrl-C in a terminal reaches it anyway).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal))

child.on('close', (code, signal) => {
  scan('\n')
  process.exit(code ?? (signal ? 1 : 0))
})
