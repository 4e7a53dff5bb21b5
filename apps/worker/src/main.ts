// `pnpm start` (node src/main.ts [--once]): the Content Hub publisher on DATABASE_URL. SIGTERM or
// SIGINT finishes the batch in flight and exits 0; a second signal exits at once with 1. A
// database that is unreachable or not migrated stops it at startup with a message and exit 1.
import { describeError } from './describe-error.ts'
import { createLogger } from './logger.ts'
import { readWorkerSettings, WorkerSettingsError } from './settings.ts'
import { startWorker } from './worker.ts'

/** Runs the worker as configured by `env` and `argv`; resolves with the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const settings = readWorkerSettings(env, argv)
  const { databaseUrl } = settings
  if (!databaseUrl) {
    throw new WorkerSettingsError(
      'DATABASE_URL is not set. Point it at the PostgreSQL database (migrated with `pnpm db:migrate`), or run `pnpm dev`.',
    )
  }
  const logger = createLogger({ level: settings.logLevel, workerId: settings.workerId })
  // Listening before anything else: until a process listens for a signal, the signal kills it
  // (and Prisma's first query can hold the event loop for a while on a busy machine).
  const stop = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      logger.warn({ signal }, 'second signal: exiting without finishing the batch')
      process.exit(1)
    }
    logger.info({ signal }, `${signal}: finishing the batch in flight, then stopping`)
    stop.abort()
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  try {
    const worker = await startWorker({ ...settings, databaseUrl }, { logger, signal: stop.signal })
    await worker.done
    return 0
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}

if (import.meta.main) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`tenantkit worker: ${describeError(error)}`)
      process.exit(1)
    },
  )
}
