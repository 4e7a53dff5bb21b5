// The worker suite's test kit: the kit's `test` with the API app (end-to-end tests schedule
// through it), and the worker's own fixtures for `database` isolation, where other connections
// see the test's commits: the test database's URL, extra clients on it, worker processes that
// never outlive their test, a lock on an organization that holds a batch in flight, and
// captured logs.
import type { ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { type AppConfig, createApp, routes } from '@tenantkit/api'
import { createPrismaClient, PrismaClient } from '@tenantkit/db'
import { appFactories, orgTenancy } from '@tenantkit/db/factories'
import { createKit, spawnTracked, type TrackedProcess, withApp } from '@tenantkit/test-kit'
import pg from 'pg'
import { inject } from 'vitest'
import { createLogger, type Logger } from '../src/logger.ts'
import { applicationName, workerConnectionUrl } from '../src/worker.ts'

export { expect } from '@tenantkit/test-kit'

const WORKER_DIR = resolve(import.meta.dirname, '..')
const MAIN = resolve(WORKER_DIR, 'src/main.ts')
const ROOT = resolve(WORKER_DIR, '../..')

const appConfig: AppConfig = {
  jwtSecret: 'tenantkit-worker-tests-only-secret-0123456789',
  accessTokenTtlSeconds: 900,
  loginRateLimit: { max: 5, timeWindowMs: 60_000 },
}

/** A clock `days` days from now: every item the factories schedule (1–30 days ahead) is due by day 31. */
export const daysFromNow = (days: number): Date => new Date(Date.now() + days * 86_400_000)
export const minutesAgo = (minutes: number): Date => new Date(Date.now() - minutes * 60_000)

/** One parsed pino line. */
export type LogEntry = { level: number; msg: string; worker?: string } & Record<string, unknown>

export type CapturedLogs = { logger: (workerId: string) => Logger; entries: LogEntry[] }

/** A worker process: `node src/main.ts` with the test database as DATABASE_URL. */
export type WorkerProcess = {
  readonly id: string
  readonly child: ChildProcess
  /** The kit's handle on it (tracked as the run's). */
  readonly tracked: TrackedProcess
  /** stdout and stderr so far, interleaved. */
  output(): string
  /** The JSON log lines so far. */
  logs(): LogEntry[]
  /** Resolves on the first log line that `match` accepts; rejects if the process exits first. */
  waitForLog(match: (entry: LogEntry) => boolean, ms?: number): Promise<LogEntry>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export type SpawnWorkerOptions = {
  id: string
  args?: string[]
  env?: NodeJS.ProcessEnv
  /** `pnpm --filter @tenantkit/worker start` (from the repository root) instead of `node src/main.ts`. */
  viaPnpm?: boolean
}

export type OrganizationLock = { release(): Promise<void> }

function spawnWorkerProcess(databaseUrl: string, options: SpawnWorkerOptions): WorkerProcess {
  const [command, args] = options.viaPnpm
    ? [
        'pnpm',
        ['--filter', '@tenantkit/worker', 'start', ...(options.args?.length ? ['--', ...options.args] : [])],
      ]
    : [process.execPath, [MAIN, ...(options.args ?? [])]]
  // Registered with the run, in a process group of its own: if this Vitest process dies, the run's
  // watchdog (or the next run) ends it and whatever it started.
  const tracked = spawnTracked(command, args, {
    cwd: options.viaPnpm ? ROOT : WORKER_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      WORKER_ID: options.id,
      WORKER_POLL_INTERVAL_MS: '100',
      LOG_LEVEL: 'info',
      ...options.env,
    },
  })
  const { child } = tracked
  const listeners = new Set<() => void>()
  child.stdout?.on('data', () => {
    for (const listener of listeners) listener()
  })
  // Settles once the process has exited and its output is read to the end, so its last log line is there.
  const exited = tracked.exited
  const output = () => tracked.output
  // Complete lines only: a chunk may end in the middle of one.
  const logs = () => {
    const stdout = tracked.stdout
    return stdout
      .slice(0, stdout.lastIndexOf('\n') + 1)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogEntry)
  }
  return {
    id: options.id,
    child,
    tracked,
    output,
    logs,
    exited,
    waitForLog(match, ms = 45_000) {
      return new Promise((done, fail) => {
        const check = () => {
          const found = logs().find(match)
          if (!found) return
          finish()
          done(found)
        }
        const timer = setTimeout(() => {
          finish()
          fail(new Error(`worker ${options.id} logged no such line within ${ms} ms:\n${output()}`))
        }, ms)
        const finish = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        const ended = () => {
          check()
          if (!listeners.has(check)) return
          finish()
          fail(new Error(`worker ${options.id} exited before logging such a line:\n${output()}`))
        }
        exited.then(ended, ended)
        check()
      })
    },
  }
}

/** Kills what is still running (SIGKILL to its whole group), then checks it is gone. */
async function killAll(workers: readonly WorkerProcess[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.tracked.stop('SIGKILL')))
  for (const worker of workers) {
    const pid = worker.child.pid
    if (pid === undefined) continue
    let alive = true
    try {
      process.kill(pid, 0)
    } catch {
      alive = false
    }
    if (alive) throw new Error(`worker process ${pid} (${worker.id}) is still running after the test`)
  }
}

/** The kit bound to the schema, as in every app's suite (the same factories as the API's). */
export const kit = createKit({ client: (adapter) => new PrismaClient({ adapter }), factories: appFactories })

const appTest = withApp(kit.test, {
  buildApp: ({ db }) => createApp({ db, config: appConfig }),
  mintToken: (app, user) => app.jwt.sign({ sub: user.id }),
  routes,
  tenancy: orgTenancy,
})

export const test = appTest
  /** The URL of the test's own database (`database` isolation only: elsewhere no other connection sees its rows). */
  .extend('databaseUrl', async ({ db, isolation }) => {
    if (isolation !== 'database') {
      throw new Error(
        "databaseUrl: this test runs in 'transaction' isolation, whose rows no other connection sees. Add test.override({ isolation: 'database' }) to its file or describe block.",
      )
    }
    const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
    const url = new URL(inject('tenantkit').adminUrl)
    url.pathname = `/${row?.name}`
    return url.toString()
  })
  /** Opens another PrismaClient on the test database, as worker `workerId` would (its application_name). */
  .extend('connect', ({ databaseUrl }, { onCleanup }) => {
    const clients: PrismaClient[] = []
    onCleanup(async () => {
      await Promise.all(clients.map((client) => client.$disconnect()))
    })
    return (workerId: string): PrismaClient => {
      const client = createPrismaClient({ url: workerConnectionUrl(databaseUrl, workerId) })
      clients.push(client)
      return client
    }
  })
  /** Starts worker processes on the test database; any still running when the test ends are killed. */
  .extend('spawnWorker', ({ databaseUrl }, { onCleanup }) => {
    const workers: WorkerProcess[] = []
    onCleanup(() => killAll(workers))
    return (options: SpawnWorkerOptions): WorkerProcess => {
      const worker = spawnWorkerProcess(databaseUrl, options)
      workers.push(worker)
      return worker
    }
  })
  /**
   * Locks organization rows (FOR UPDATE) on a connection of its own. A worker publishing one of
   * their items then blocks inside its batch — items claimed, updated and audited, nothing
   * committed: the audit events' foreign-key check waits for the lock — until `release()`.
   */
  .extend('lockOrganization', ({ databaseUrl }, { onCleanup }) => {
    const clients: pg.Client[] = []
    onCleanup(async () => {
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)))
    })
    return async (...organizationIds: string[]): Promise<OrganizationLock> => {
      const client = new pg.Client({ connectionString: databaseUrl })
      // A server stopped under the test (an interrupted run) must not crash the worker with an unhandled 'error'.
      client.on('error', () => {})
      clients.push(client)
      await client.connect()
      await client.query('BEGIN')
      const { rowCount } = await client.query(
        'SELECT 1 FROM organizations WHERE id = ANY($1::uuid[]) FOR UPDATE',
        [organizationIds],
      )
      if (rowCount !== organizationIds.length)
        throw new Error(`lockOrganization: no such organization among ${organizationIds}`)
      return { release: async () => void (await client.query('COMMIT')) }
    }
  })
  /** Loggers writing parsed JSON lines into `entries`, for in-process workers. */
  .extend('logs', (): CapturedLogs => {
    const entries: LogEntry[] = []
    const destination = { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) }
    return { entries, logger: (workerId) => createLogger({ level: 'debug', workerId }, destination) }
  })

/**
 * The PostgreSQL backend of worker `workerId` once it waits for a lock (its batch is in flight,
 * held by a `lockOrganization`). Polls pg_stat_activity through `db`.
 */
export async function blockedBackend(db: PrismaClient, workerId: string, ms = 45_000): Promise<number> {
  const name = applicationName(workerId)
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const [row] = await db.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity
      WHERE application_name = ${name} AND wait_event_type = 'Lock'`
    if (row) return row.pid
    await new Promise((done) => setTimeout(done, 25))
  }
  throw new Error(`worker ${workerId} never waited for a lock within ${ms} ms`)
}

/** Waits until no backend of worker `workerId` is left (a dead client's statement may still run). */
export async function backendsGone(db: PrismaClient, workerId: string, ms = 20_000): Promise<void> {
  const name = applicationName(workerId)
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const rows = await db.$queryRaw<
      unknown[]
    >`SELECT 1 FROM pg_stat_activity WHERE application_name = ${name}`
    if (rows.length === 0) return
    await new Promise((done) => setTimeout(done, 25))
  }
  throw new Error(`worker ${workerId} still has a backend after ${ms} ms`)
}
