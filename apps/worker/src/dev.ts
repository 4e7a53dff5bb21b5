// `pnpm dev`: the Content Hub in one process — the API's development server (embedded PostgreSQL,
// migrated, demo data; see apps/api/src/dev.ts) and the publisher on the same database, so an item
// scheduled through the API is published within the poll interval. SIGTERM/SIGINT stop both.
import { type DevOptions, devOptions, startDev } from '@tenantkit/api/dev'
import { createLogger } from './logger.ts'
import { readWorkerSettings, type WorkerSettings } from './settings.ts'
import { startWorker } from './worker.ts'

export type ContentHubDev = {
  url: string
  databaseUrl: string
  /** The API's banner and a line about the worker. */
  banner: string
  /** Stops the worker (after its batch in flight), then the API and its database. */
  stop(): Promise<void>
}

/** Starts the API's dev server, then a worker on its database. */
export async function startContentHubDev(
  options: DevOptions & { worker: WorkerSettings },
): Promise<ContentHubDev> {
  const api = await startDev(options)
  try {
    const { worker: settings } = options
    const logger = createLogger({ level: options.config.logLevel, workerId: settings.workerId })
    const worker = await startWorker({ ...settings, databaseUrl: api.databaseUrl }, { logger })
    const banner = `${api.banner}\n  worker:     publishes due scheduled items every ${settings.pollIntervalMs} ms (WORKER_POLL_INTERVAL_MS)`
    return {
      url: api.url,
      databaseUrl: api.databaseUrl,
      banner,
      async stop() {
        try {
          await worker.stop()
        } finally {
          await api.stop()
        }
      },
    }
  } catch (error) {
    await api.stop().catch(() => undefined)
    throw error
  }
}

async function main(): Promise<void> {
  let dev: ContentHubDev | undefined
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal, or one during startup: exit at once (the embedded server's watchdog stops it).
    if (stopping || !dev) process.exit(1)
    stopping = true
    console.log(`\n${signal}: shutting down…`)
    dev.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  dev = await startContentHubDev({ ...devOptions(), worker: readWorkerSettings(process.env, []) })
  console.log(dev.banner)
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
