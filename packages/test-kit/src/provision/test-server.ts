// One test server per process: start (or reach) PostgreSQL, build the template, and clean up
// everything this run created when it stops.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { chooseProvider } from './choose-provider.ts'
import type { TestServerInfo } from './context.ts'
import { runDatabasePrefix } from './database-names.ts'
import { type KitSettings, readSettings } from './settings.ts'
import {
  dropDatabase,
  dropStaleDatabases,
  holdRunLock,
  holdTemplateLock,
  releaseTemplateLock,
} from './stale-databases.ts'
import { ensureTemplate, templateName } from './template.ts'

export type Timings = { serverMs: number; templateMs: number }

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
  /** Drops every database of this run, then stops the server; idempotent. */
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
  const settings = options.settings ?? readSettings()
  const runId = randomBytes(4).toString('hex')
  const choice = await chooseProvider(settings, runId)
  const started = performance.now()
  const server = await choice.start()
  const serverMs = performance.now() - started
  log(`[tenantkit] database: ${server.provider} (${choice.reason})`)

  let admin: pg.Client | undefined
  try {
    admin = new pg.Client({ connectionString: server.adminUrl })
    await admin.connect()
    const connected = admin
    await holdRunLock(connected, runId)
    const { rows } = await connected.query<{ server_version: string }>('SHOW server_version')
    const serverVersion = rows[0]?.server_version.split(' ')[0] ?? 'unknown'
    const major = serverVersion.split('.')[0] ?? serverVersion

    const buildTemplate = async (migrationsDir = options.migrationsDir) => {
      const template = await ensureTemplate(connected, server.adminUrl, migrationsDir, major)
      await holdTemplateLock(connected, template.name)
      // Advisory locks are re-entrant per session: sweeping from here would see this run's other
      // templates as free, so only the main build sweeps (and a refresh rebuilds the others).
      if (migrationsDir === options.migrationsDir) await dropStaleDatabases(connected, template.name)
      return template
    }
    const others = new Map<string, Promise<string>>()
    const templateStarted = performance.now()
    const template = await buildTemplate()
    const info: TestServerInfo = {
      adminUrl: server.adminUrl,
      template: template.name,
      runId,
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
          if (!server.throwaway) {
            await dropRunDatabases(connected, runId).catch(() => undefined)
          }
          await connected.end().catch(() => undefined)
          await server.stop()
        })()
        return stopping
      },
    }
  } catch (error) {
    await admin?.end().catch(() => undefined)
    await server.stop().catch(() => undefined)
    throw error
  }
}

/** Drops every database named tk_run_<runId>_*. */
export async function dropRunDatabases(admin: pg.Client, runId: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [runDatabasePrefix(runId)],
  )
  for (const { datname } of rows) await dropDatabase(admin, datname)
}
