#!/usr/bin/env -S node --no-warnings
// Runs a command with DATABASE_URL set: the caller's own when given, else a fresh database on a
// throwaway embedded PostgreSQL that is stopped afterwards. `pnpm db:check` uses it, so checking the
// schema against the migrations needs no database set up by hand (CI included).
//   node packages/test-kit/bin/with-database.ts <command> [args…]
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { databaseUrl } from '../src/provision/database-names.ts'
import { startEmbedded } from '../src/provision/providers/embedded.ts'
import { readSettings } from '../src/provision/settings.ts'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: with-database.ts <command> [args…]')
  process.exit(64)
}

function run(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command ?? '', args, { stdio: 'inherit', env })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`)
      resolve(127)
    })
  })
}

if (process.env.DATABASE_URL) process.exit(await run(process.env))

const settings = readSettings()
const server = await startEmbedded({
  runId: `cli${randomBytes(3).toString('hex')}`,
  stateDir: settings.stateDir,
  cacheDir: settings.cacheDir,
})
let code = 1
try {
  const admin = new pg.Client({ connectionString: server.adminUrl })
  await admin.connect()
  await admin.query('CREATE DATABASE tenantkit')
  await admin.end()
  code = await run({ ...process.env, DATABASE_URL: databaseUrl(server.adminUrl, 'tenantkit') })
} finally {
  await server.stop()
}
process.exit(code)
