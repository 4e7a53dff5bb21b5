// `tenantkit-check`: do the migrations folder and the schema agree? Prisma can only tell on a
// database (it replays the migrations in a shadow database), so this starts a throwaway PostgreSQL
// (the kit's embedded one, or a database on TEST_DATABASE_URL's server), runs
// `tenantkit-prisma migrate diff --from-migrations … --to-schema … --script --exit-code` on it,
// and stops it again, also on Ctrl-C. Exit 0: they agree; 2: they do not, the SQL the migrations
// lack on stdout; 1: bad input or a failure, with what to do. Started by bin/tenantkit-check.js.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { markedEnv } from '../provision/marked-processes.ts'
import { startEmbedded } from '../provision/providers/embedded.ts'
import { useExternal } from '../provision/providers/external.ts'
import type { StartedServer } from '../provision/providers/types.ts'
import { readSettings } from '../provision/settings.ts'
import { openRun, type Run, stateRoot } from '../provision/state-dir.ts'
import { CheckInputError, type CheckInputs, findCheckInputs, shown } from './check-inputs.ts'

const USAGE = `Usage: tenantkit-check [--schema <path>] [--migrations <dir>] [--config <file>]

Checks that the migrations folder produces exactly the Prisma schema: the migrations are replayed
in a shadow database on a throwaway PostgreSQL that this command starts and stops itself (no
database of yours is used or needed), then compared with the schema.

Where it looks (as the Prisma CLI does):
  schema       --schema, else \`schema\` in prisma.config.ts, else ./schema.prisma or ./prisma/schema.prisma
  migrations   --migrations, else \`migrations.path\` in prisma.config.ts, else \`migrations\` beside the schema
  config       --config, else the prisma.config.ts Prisma finds in the current folder

Exit codes:
  0    the migrations and the schema agree
  2    they do not: stdout has the SQL the migrations lack (make it a migration:
       npx tenantkit-prisma migrate dev --name <name>)
  1    bad input (no schema, no migrations folder, a config that does not load) or a failure;
       the message names the setting and the fix
  130  interrupted (Ctrl-C); the throwaway PostgreSQL is stopped and removed all the same

Environment:
  TEST_DATABASE_URL    postgresql://… of a server of yours (a role with CREATEDB): the shadow
                       database is made there and dropped, instead of starting the embedded PostgreSQL
  TEST_KIT_CACHE_DIR   the kit's cluster cache (off to disable), as for the tests
  TEST_KIT_STATE_DIR   where the throwaway server's data lives (default /dev/shm or the temp folder)
`

type Exit = 0 | 1 | 2

let parsed: ReturnType<typeof parse>
try {
  parsed = parse()
} catch (error) {
  process.stderr.write(`tenantkit-check: ${(error as Error).message}\n\n${USAGE}`)
  process.exit(1)
}
if (parsed.values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}
process.exit(await main(parsed.values))

function parse() {
  return parseArgs({
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  })
}

async function main(args: { schema?: string; migrations?: string; config?: string }): Promise<Exit> {
  const started = performance.now()
  const cwd = process.cwd()
  let inputs: CheckInputs
  let settings: ReturnType<typeof readSettings>
  try {
    settings = readSettings()
    inputs = await findCheckInputs(args, cwd)
  } catch (error) {
    return fail(error)
  }

  let run: Run | undefined
  let server: StartedServer | undefined
  let child: ReturnType<typeof spawn> | undefined
  // Ctrl-C (or a SIGTERM, a SIGHUP): the diff's process ends with the run, the server is stopped,
  // the run's folder removed, then the command exits as the signal would have (130 for a Ctrl-C).
  // A second signal waits for the same cleanup.
  let stopping: Promise<void> | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    stopping ??= (async () => {
      child?.kill('SIGTERM')
      await server?.stop().catch(() => undefined)
      await run?.end().catch(() => undefined)
      process.stderr.write(`tenantkit-check: stopped by ${signal}; the throwaway PostgreSQL is gone.\n`)
      process.exit(128 + constants.signals[signal])
    })()
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal)

  try {
    run = await openRun(stateRoot(settings.stateDir), `check${randomBytes(3).toString('hex')}`)
    server = settings.externalUrl
      ? await useExternal(settings.externalUrl)
      : await startEmbedded({ run, cacheDir: settings.cacheDir })
    // The project's config with this server as its datasource: the diff must not depend on how the
    // project names its URL, nor reach a database of the project's.
    const configFile = join(run.dir, 'prisma.config.mjs')
    const config = { ...inputs.config, schema: inputs.schema, datasource: { url: server.adminUrl } }
    const migrationsConfig = { ...(inputs.config?.migrations as object | undefined), path: inputs.migrations }
    writeFileSync(
      configFile,
      `export default ${JSON.stringify({ ...config, migrations: migrationsConfig })}\n`,
    )

    const result = await runDiff(configFile, inputs, cwd, run.mark, (spawned) => {
      child = spawned
    })
    // Interrupted: the diff died of the same Ctrl-C; the signal's handler has the last word.
    if (stopping) await stopping
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`
    const what = `the migrations in ${shown(inputs.migrations, cwd)} (${countMigrations(inputs.migrations)}) and the schema ${shown(inputs.schema, cwd)}`
    if (result.code === 0) {
      process.stderr.write(`tenantkit-check: ${what} agree (${server.provider} PostgreSQL, ${took}).\n`)
      return 0
    }
    if (result.code === 2) {
      process.stderr.write(
        `tenantkit-check: ${what} do not agree. The SQL below is what the migrations lack: make it a migration (npx tenantkit-prisma migrate dev --name <name>), or change the schema back. (${took})\n`,
      )
      process.stdout.write(result.stdout)
      return 2
    }
    process.stderr.write(`${result.stdout}${result.stderr}`)
    process.stderr.write(
      `tenantkit-check: prisma migrate diff failed (exit ${result.code ?? result.signal}) on ${what}; its output is above.\n`,
    )
    return 1
  } catch (error) {
    if (stopping) await stopping
    return fail(error)
  } finally {
    if (!stopping) {
      await server?.stop().catch(() => undefined)
      await run?.end().catch(() => undefined)
    } else {
      await stopping
    }
  }
}

type DiffResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** `tenantkit-prisma migrate diff` from @tenantkit/migrations, run by this Node, its output collected. */
function runDiff(
  configFile: string,
  inputs: CheckInputs,
  cwd: string,
  mark: string,
  onSpawn: (child: ReturnType<typeof spawn>) => void,
): Promise<DiffResult> {
  const migrationsPackage = createRequire(import.meta.url).resolve('@tenantkit/migrations/package.json')
  const cli = join(dirname(migrationsPackage), 'bin', 'tenantkit-prisma.js')
  const args = [
    ...['--no-warnings', cli, 'migrate', 'diff', '--config', configFile],
    ...['--from-migrations', inputs.migrations, '--to-schema', inputs.schema, '--script', '--exit-code'],
  ]
  // The run's mark: whatever is left of it when the run ends is ended with it.
  const env = markedEnv(
    { ...process.env, NO_COLOR: '1', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    mark,
  )
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    onSpawn(child)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

function countMigrations(dir: string): string {
  const count = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length
  return `${count} migration${count === 1 ? '' : 's'}`
}

function fail(error: unknown): 1 {
  const message = error instanceof Error ? error.message : String(error)
  const known = error instanceof CheckInputError || (error instanceof Error && 'code' in error)
  process.stderr.write(`tenantkit-check: ${message}\n`)
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
  return 1
}
