// One test server per process: start (or reach) PostgreSQL, build the template, and clean up
// everything this run created when it stops.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { chooseProvider } from './choose-provider.ts'
import type { TestServerInfo } from './context.ts'
import { runDatabasePrefix } from './database-names.ts'
import { readSettings } from './settings.ts'
import {
  dropDatabase,
  dropStaleDatabases,
  holdRunLock,
  holdTemplateLock,
  releaseTemplateLock,
} from './stale-databases.ts'
import { ensureTemplate, migrationsFingerprint, templateName } from './template.ts'

export type Timings = { serverMs: number; templateMs: number }

export type TestServer = {
  info: TestServerInfo
  timings: Timings
  /** Rebuilds the template when the migrations changed since it was built; true if it did. */
  refreshTemplate(): Promise<boolean>
  /** Drops every database of this run, then stops the server; idempotent. */
  stop(): Promise<void>
}

export type StartOptions = { migrationsDir: string; log?: (line: string) => void }

export async function startTestServer(options: StartOptions): Promise<TestServer> {
  const log = options.log ?? ((line: string) => console.log(line))
  const settings = readSettings()
  const runId = randomBytes(4).toString('hex')
  const choice = await chooseProvider(settings, runId, migrationsFingerprint(options.migrationsDir))
  const started = performance.now()
  const server = await choice.start()
  const serverMs = performance.now() - started
  log(`[tenantkit] database: ${server.provider} (${choice.reason})`)

  let admin: pg.Client | undefined
  /** The run's admin connection: it holds the run's lock for as long as it is open. */
  const connectAdmin = async () => {
    admin = new pg.Client({ connectionString: server.adminUrl })
    await admin.connect()
    await holdRunLock(admin, runId)
    return admin
  }
  try {
    let connected = await connectAdmin()
    const { rows } = await connected.query<{ server_version: string }>('SHOW server_version')
    const serverVersion = rows[0]?.server_version.split(' ')[0] ?? 'unknown'
    const major = serverVersion.split('.')[0] ?? serverVersion

    const templateStarted = performance.now()
    const template = await ensureTemplate(connected, server.adminUrl, options.migrationsDir, major)
    if (template.built && server.cacheTemplateCluster) {
      // A later run unpacks this cluster, template included, instead of migrating again.
      await connected.end()
      await server.cacheTemplateCluster()
      connected = await connectAdmin()
    }
    const useTemplate = async (name: string) => {
      await holdTemplateLock(connected, name)
      await dropStaleDatabases(connected, name)
    }
    await useTemplate(template.name)
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
      async refreshTemplate() {
        if (templateName(options.migrationsDir, major) === info.template) return false
        const previous = info.template
        await dropRunDatabases(connected, runId)
        await releaseTemplateLock(connected, previous)
        info.template = (await ensureTemplate(connected, server.adminUrl, options.migrationsDir, major)).name
        await useTemplate(info.template)
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
