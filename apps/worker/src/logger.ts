// The worker's structured logs: pino JSON lines on stdout, like the API's (Fastify's logger is
// pino too), each carrying the worker's id.
import { type DestinationStream, type Logger, pino } from 'pino'

export type { Logger } from 'pino'

/**
 * @example const logger = createLogger({ level: 'info', workerId: 'host:42' })
 * // {"level":30,"time":…,"pid":42,"hostname":"host","worker":"host:42","msg":"published 3 items",…}
 */
export function createLogger(
  options: { level: string; workerId: string },
  destination?: DestinationStream,
): Logger {
  // Synchronous writes by default: pino's own default writes in the background and flushes on
  // 'exit' only what is not already in flight, so a line written just before process.exit (the
  // closing 'publisher stopped') could be lost. A worker logs a few lines per batch; sync is cheap.
  const stream = destination ?? pino.destination({ dest: 1, sync: true })
  const logger = pino({ level: options.level, name: 'tenantkit-worker' }, stream)
  return logger.child({ worker: options.workerId })
}
