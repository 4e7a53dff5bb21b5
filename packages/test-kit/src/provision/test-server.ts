// One test server per process: create the run's folder, start (or reach) PostgreSQL, build the
// template, and clean up everything this run created when it stops — databases, the server, the
// processes tests left running, the folder.
import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { chooseProvider } from './choose-provider.ts'
import type { TestServerInfo } from './context.ts'
import { runDatabasePrefix } from './database-names.ts'
import { markedProcesses, stopMarked } from './marked-processes.ts'
import { commandLineOf } from './process-table.ts'
import type { StartedServer } from './providers/types.ts'
import { RUN_GRACE_MS } from './run-cleanup.ts'
import { type KitSettings, readSettings } from './settings.ts'
import {
  dropDatabase,
  dropStaleDatabases,
  holdRunLock,
  holdTemplateLock,
  releaseTemplateLock,
} from './stale-databases.ts'
import { openRun, stateRoot } from './state-dir.ts'
import { ensureTemplate, migrationsFingerprint, migrationsProject, templateName } from './template.ts'

type Timings = { serverMs: number; templateMs: number }

export type TestServer = {
  info: TestServerInfo
  timings: Timings
  /**
   * The template of another migration history on the same server (a project whose schema is not
   * the first project's), built once and held like the main one.
   */
  templateFor(migrationsDir: string): Promise<string>
  /** Rebuilds the template when the migrations changed since it was built; true if it did. */
  refreshTemplate(): Promise<boolean>
  /** Stops what tests left running, drops every database of this run, stops the server and
   * removes the run's folder; idempotent. */
  stop(): Promise<void>
}

export type StartOptions = {
  migrationsDir: string
  log?: (line: string) => void
  /** The kit's settings (default: read from the environment now). */
  settings?: KitSettings
}

export async function startTestServer(options: StartOptions): Promise<TestServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  // pg loads while the server starts (a third of the start's module loading), not before it.
  const pgClients = import('./pg-clients.ts')
  pgClients.catch(() => undefined) // awaited below; a start that fails first must not leave it unhandled
  const settings = options.settings ?? readSettings()
  const runId = randomBytes(4).toString('hex')
  const run = await openRun(stateRoot(settings.stateDir), runId)
  const runDir = run.dir
  const endRun = run.end
  const started = performance.now()
  let server: StartedServer
  let reason: string
  try {
    const choice = await chooseProvider(settings, run, {
      key: migrationsFingerprint(options.migrationsDir),
      project: migrationsProject(options.migrationsDir),
    })
    server = await choice.start()
    reason = choice.reason
  } catch (error) {
    await endRun()
    throw error
  }
  const serverMs = performance.now() - started
  log(`[tenantkit] database: ${server.provider} (${reason})`)

  let admin: pg.Client | undefined
  /** The run's admin connection: it holds the run's lock for as long as it is open. */
  const connectAdmin = async () => {
    const { createPgClient } = await pgClients
    admin = createPgClient({ connectionString: server.adminUrl })
    await admin.connect()
    await holdRunLock(admin, runId)
    return admin
  }
  try {
    let connected = await connectAdmin()
    const { rows } = await connected.query<{ server_version: string }>('SHOW server_version')
    const serverVersion = rows[0]?.server_version.split(' ')[0] ?? 'unknown'
    const major = serverVersion.split('.')[0] ?? serverVersion

    const holdTemplate = async (name: string, main: boolean) => {
      await holdTemplateLock(connected, name)
      // Advisory locks are re-entrant per session: sweeping from here would see this run's other
      // templates as free, so only the main template sweeps (and a refresh rebuilds the others).
      if (main) await dropStaleDatabases(connected, name)
    }
    const buildTemplate = async (migrationsDir = options.migrationsDir) => {
      const template = await ensureTemplate(connected, server.adminUrl, migrationsDir, major)
      await holdTemplate(template.name, migrationsDir === options.migrationsDir)
      return template
    }
    const others = new Map<string, Promise<string>>()
    const templateStarted = performance.now()
    const template = await ensureTemplate(connected, server.adminUrl, options.migrationsDir, major)
    if (template.built && server.cacheTemplateCluster) {
      // A later run unpacks this cluster, template included, instead of migrating again.
      await connected.end()
      await server.cacheTemplateCluster()
      connected = await connectAdmin()
    }
    await holdTemplate(template.name, true)
    const info: TestServerInfo = {
      adminUrl: server.adminUrl,
      template: template.name,
      runId,
      runDir,
      provider: server.provider,
      serverVersion,
    }
    let stopping: Promise<void> | undefined
    return {
      info,
      timings: { serverMs, templateMs: performance.now() - templateStarted },
      templateFor(migrationsDir) {
        if (migrationsDir === options.migrationsDir) return Promise.resolve(info.template)
        let name = others.get(migrationsDir)
        if (!name) {
          name = buildTemplate(migrationsDir).then((t) => t.name)
          others.set(migrationsDir, name)
        }
        return name
      },
      async refreshTemplate() {
        if (templateName(options.migrationsDir, major) === info.template) return false
        const previous = info.template
        await dropRunDatabases(connected, runId)
        await releaseTemplateLock(connected, previous)
        info.template = (await buildTemplate()).name
        others.clear()
        log(`[tenantkit] migrations changed: rebuilt template ${info.template}`)
        return true
      },
      stop() {
        stopping ??= (async () => {
          await stopLeftRunning(run.mark, log)
          if (!server.throwaway) {
            await dropRunDatabases(connected, runId).catch(() => undefined)
          }
          await connected.end().catch(() => undefined)
          await server.stop()
          await endRun()
        })()
        return stopping
      },
    }
  } catch (error) {
    await admin?.end().catch(() => undefined)
    await server.stop().catch(() => undefined)
    await endRun()
    throw error
  }
}

/** Drops every database named tk_run_<runId>_*. */
async function dropRunDatabases(admin: pg.Client, runId: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [runDatabasePrefix(runId)],
  )
  for (const { datname } of rows) await dropDatabase(admin, datname)
}

/**
 * A test that spawns a process should stop it; the teardown stops the rest and says which. Those
 * are what carries a tracked process's mark (`<run mark>/<id>`), not the run's server.
 */
async function stopLeftRunning(mark: string, log: (line: string) => void): Promise<void> {
  const marked = await markedProcesses(mark)
  const pids = new Set(marked.map((info) => info.pid))
  const left = new Map<string, string>()
  for (const info of marked) {
    const tracked = info.marks.find((m) => m.startsWith(`${mark}/`))
    if (tracked && !left.has(tracked) && !pids.has(info.ppid))
      left.set(tracked, commandLineOf(info.pid) ?? '')
  }
  if (left.size === 0) return
  const commands = [...left.values()].map((command) => `\n  ${command}`).join('')
  log(`[tenantkit] stopping ${left.size} process group(s) that tests left running:${commands}`)
  await Promise.all([...left.keys()].map((tracked) => stopMarked(tracked, 'SIGTERM', RUN_GRACE_MS)))
}
