// `pnpm bench [--quick] [--only startup,isolation]`: starts one PostgreSQL the way the test kit
// chooses it, runs every bench/*.bench.ts against it, writes bench/results and prints the table.
// Everything it starts is stopped at the end, and it checks that no server of its runs is left.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import pg from 'pg'
import { createPrismaClient, type PrismaClient } from '../packages/db/src/index.ts'
import { cloneDatabase } from '../packages/test-kit/src/provision/clone-database.ts'
import { databaseUrl, runDatabasePrefix } from '../packages/test-kit/src/provision/database-names.ts'
import { findMigrationsDir } from '../packages/test-kit/src/provision/find-migrations.ts'
import { readSettings } from '../packages/test-kit/src/provision/settings.ts'
import { dropDatabase } from '../packages/test-kit/src/provision/stale-databases.ts'
import { stateRoot } from '../packages/test-kit/src/provision/state-dir.ts'
import { startTestServer } from '../packages/test-kit/src/provision/test-server.ts'
import {
  type BenchContext,
  type BenchReport,
  type BenchResult,
  type FreshDatabase,
  type Ratio,
  ratio,
  renderTable,
  summarize,
  writeReport,
} from './lib.ts'

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url))
const RESULTS_DIR = join(BENCH_DIR, 'results')
/** Run first in this order; any other bench file follows alphabetically. */
const ORDER = ['startup', 'isolation', 'factories', 'suite']
/** Owned by the factories benchmark's author; the runner only calls it. */
const FACTORIES_FILE = 'factories.bench.ts'

/** The ratios the report carries when both sides were measured. */
const RATIOS: [string, string, string][] = [
  ['isolation.transaction-vs-truncate', 'isolation.transaction', 'isolation.truncate'],
  ['isolation.transaction-vs-deletemany', 'isolation.transaction', 'isolation.deletemany'],
  ['isolation.transaction-vs-chax', 'isolation.transaction', 'isolation.chax'],
  ['isolation.database-vs-truncate', 'isolation.database', 'isolation.truncate'],
  ['factories.bulk-vs-sequential', 'factories.bulk', 'factories.sequential'],
  ['factories.bulk-vs-promiseall', 'factories.bulk', 'factories.promiseall'],
  ['suite.api.2workers-vs-1worker', 'suite.api.2workers', 'suite.api.1worker'],
  ['suite.seedstyle-vs-api.2workers', 'suite.api.2workers', 'suite.seedstyle'],
  ['suite.seedstyle-vs-api.pertest', 'suite.api.pertest', 'suite.seedstyle.pertest'],
  ['suite.seedstyle-vs-api.cpu', 'suite.api.2workers.cpu', 'suite.seedstyle.cpu'],
  ['worker.publish.2workers-vs-1worker', 'worker.publish.2workers', 'worker.publish.1worker'],
  ['worker.publish.4workers-vs-1worker', 'worker.publish.4workers', 'worker.publish.1worker'],
  // How many hand-written role tests one run of the whole access walk costs.
  ['access.rules-vs-roletest', 'access.roletest', 'access.rules'],
  // What each app adapter costs a request and a call of the access rules, against Fastify's (issue 41).
  ['adapters.express-vs-fastify.request', 'adapters.fastify.request', 'adapters.express.request'],
  ['adapters.hono-vs-fastify.request', 'adapters.fastify.request', 'adapters.hono.request'],
  ['adapters.express-vs-fastify.rules.call', 'adapters.fastify.rules.call', 'adapters.express.rules.call'],
  ['adapters.hono-vs-fastify.rules.call', 'adapters.fastify.rules.call', 'adapters.hono.rules.call'],
  ['adapters.nest-vs-fastify.request', 'adapters.fastify.request', 'adapters.nest.request'],
  ['adapters.nest-vs-fastify.rules.call', 'adapters.fastify.rules.call', 'adapters.nest.rules.call'],
  // A realistic test, whole, against the PGlite peers (issue 42), and the kit's two modes.
  ['realistic.transaction-vs-pglite.rollback', 'realistic.transaction', 'realistic.pglite.rollback'],
  ['realistic.transaction-vs-pglite.reset', 'realistic.transaction', 'realistic.pglite.reset'],
  ['realistic.database-vs-transaction', 'realistic.database', 'realistic.transaction'],
  ['realistic.database-vs-pglite.reset', 'realistic.database', 'realistic.pglite.reset'],
  ['realistic.body.postgres-vs-pglite', 'realistic.body.postgres', 'realistic.body.pglite'],
  ['realistic.startup.kit-vs-pglite', 'realistic.startup.kit', 'realistic.startup.pglite'],
  ['realistic.memory.kit-vs-pglite.rollback', 'realistic.memory.kit', 'realistic.memory.pglite.rollback'],
  ['realistic.memory.kit-vs-pglite.reset', 'realistic.memory.kit', 'realistic.memory.pglite.reset'],
]

type Args = { quick: boolean; only: string[] | undefined }

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { quick: false, only: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') continue
    if (arg === '--quick') args.quick = true
    else if (arg === '--only') args.only = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (arg?.startsWith('--only=')) args.only = arg.slice('--only='.length).split(',').filter(Boolean)
    else {
      console.error(`Unknown argument ${arg}. Usage: pnpm bench [--quick] [--only startup,isolation,…]`)
      process.exit(2)
    }
  }
  return args
}

function benchFiles(only: string[] | undefined): string[] {
  const rank = (file: string) => {
    const index = ORDER.indexOf(file.replace(/\.bench\.ts$/, ''))
    return index === -1 ? ORDER.length : index
  }
  return readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => !only || only.includes(file.replace(/\.bench\.ts$/, '')))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

/** Lines of `ps` that belong to one of the runs (embedded data folders are named by run id). */
function leftoverProcesses(runIds: readonly string[]): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
  return ps
    .split('\n')
    .filter((line) => runIds.some((id) => line.includes(`tenantkit-${id}`)))
    .filter((line) => !line.includes('tenantkit-watchdog'))
}

function leftoverContainers(): string[] {
  try {
    const out = execFileSync(
      'docker',
      ['ps', '-a', '--filter', 'label=dev.tenantkit.owner', '--format', '{{.ID}} {{.Labels}}'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 },
    )
    return out.split('\n').filter(Boolean)
  } catch {
    return []
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  const files = benchFiles(args.only)
  const notes: string[] = []
  const note = (line: string) => {
    console.log(`  ${line}`)
    notes.push(line)
  }
  const wantsFactories = !args.only || args.only.includes('factories')
  if (wantsFactories && !files.includes(FACTORIES_FILE)) {
    note(`${FACTORIES_FILE}: not there yet, skipped`)
  }
  // Other work on the machine moves every number: say how busy it was.
  const loadAtStart = loadavg()[0] ?? 0
  const containersBefore = new Set(leftoverContainers())
  const migrationsDir = findMigrationsDir(process.cwd(), readSettings().migrationsDir)
  const server = await startTestServer({ migrationsDir, log: (line) => console.log(line) })
  const runIds = [server.info.runId]
  console.log(
    `[bench] PostgreSQL ${server.info.serverVersion} (${server.info.provider}) ready in ${Math.round(server.timings.serverMs + server.timings.templateMs)} ms; ${args.quick ? 'quick run' : 'full run'}`,
  )

  const admin = new pg.Client({ connectionString: server.info.adminUrl })
  await admin.connect()
  const databases = new Set<string>()
  const clients = new Set<PrismaClient>()
  let counter = 0
  const freshDatabase = async (label: string): Promise<FreshDatabase> => {
    const safe = label
      .replace(/[^a-z0-9]+/gi, '')
      .toLowerCase()
      .slice(0, 20)
    const name = `${runDatabasePrefix(server.info.runId)}bench_${safe}_${++counter}`
    await cloneDatabase(admin, name, server.info.template)
    databases.add(name)
    return {
      name,
      url: databaseUrl(server.info.adminUrl, name),
      drop: async () => {
        databases.delete(name)
        await dropDatabase(admin, name)
      },
    }
  }
  const createClient = (url: string) => {
    const client = createPrismaClient({ url })
    clients.add(client)
    return client
  }

  const results: BenchResult[] = []
  const failures: string[] = []
  try {
    for (const file of files) {
      const started = performance.now()
      console.log(`[bench] ${file}`)
      const database = await freshDatabase(file.replace(/\.bench\.ts$/, ''))
      const db = createClient(database.url)
      const ctx: BenchContext = {
        quick: args.quick,
        server: { ...server.info },
        migrationsDir,
        db,
        freshDatabase,
        createClient,
        trackRun: (runId) => runIds.push(runId),
        log: (line) => console.log(`  ${line}`),
        note,
      }
      try {
        const module = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as {
          default?: (ctx: BenchContext) => Promise<BenchResult[]>
        }
        if (typeof module.default !== 'function') {
          throw new Error(`${file} has no default export run(ctx)`)
        }
        const produced = await module.default(ctx)
        for (const result of produced) {
          if (result.samples.length === 0) console.log(`  ${result.id}: no samples, left out`)
          else results.push(result)
        }
        console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      } catch (error) {
        failures.push(file)
        console.error(`[bench] ${file} failed:`, error)
        notes.push(`${file} failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`)
      } finally {
        await db.$disconnect().catch(() => undefined)
        clients.delete(db)
        await database.drop().catch(() => undefined)
      }
    }
  } finally {
    for (const client of clients) await client.$disconnect().catch(() => undefined)
    for (const name of databases) await dropDatabase(admin, name).catch(() => undefined)
    await admin.end().catch(() => undefined)
    await server.stop()
  }

  const stats = results.map(summarize)
  const ratios = RATIOS.map(([id, a, b]) => ratio(id, stats, a, b)).filter((r): r is Ratio => r !== undefined)
  const report: BenchReport = {
    machine: {
      cpus: availableParallelism(),
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.versions.node,
      postgres: server.info.serverVersion,
      provider: server.info.provider,
    },
    when: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    quick: args.quick,
    results: stats,
    ratios,
  }
  notes.push(
    `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (${availableParallelism()} CPUs)`,
  )
  const written = writeReport(RESULTS_DIR, report, notes, args.only !== undefined)
  console.log(`\n${renderTable(report)}\n`)
  console.log(`[bench] wrote ${written.map((file) => file.replace(`${process.cwd()}/`, '')).join(', ')}`)

  // Nothing of ours may outlive the run: no postgres of any run we started, no data folder,
  // no container.
  const processes = leftoverProcesses(runIds)
  const root = stateRoot(readSettings().stateDir)
  const folders = runIds.map((id) => join(root, `tenantkit-${id}`)).filter((dir) => existsSync(dir))
  const containers = leftoverContainers().filter((line) => !containersBefore.has(line))
  if (processes.length + folders.length + containers.length > 0) {
    console.error('[bench] left behind:', { processes, folders, containers })
    return 1
  }
  console.log(
    `[bench] cleanup checked: no postgres process, data folder or container left by runs ${runIds.join(', ')}`,
  )
  if (failures.length > 0) {
    console.error(`[bench] failed: ${failures.join(', ')}`)
    return 1
  }
  return 0
}

process.exitCode = await main()
