// The worker's settings, read once at startup from the environment and the command line. Errors
// name the variable (or flag) and the fix.
import { hostname } from 'node:os'

export type WorkerSettings = {
  /** Unset: `pnpm start` refuses to run; `pnpm dev` provides its own. */
  databaseUrl: string | undefined
  /** How long an idle worker waits before looking for due items again. */
  pollIntervalMs: number
  /** Items claimed and published per transaction. */
  batchSize: number
  /** Names the worker in its logs, its audit events and its connections' application_name. */
  workerId: string
  logLevel: string
  /** `--once`: publish what is due now, then exit. */
  once: boolean
}

export class WorkerSettingsError extends Error {
  override name = 'WorkerSettingsError'
  readonly code = 'TK_WORKER_SETTINGS'
}

export const USAGE = 'Usage: node src/main.ts [--once]   (pnpm --filter @tenantkit/worker start [-- --once])'

export function readWorkerSettings(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): WorkerSettings {
  let once = false
  for (const arg of argv) {
    if (arg === '--') continue
    if (arg === '--once') once = true
    else throw new WorkerSettingsError(`Unknown argument ${arg}. ${USAGE}`)
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pollIntervalMs: readInteger(env, 'WORKER_POLL_INTERVAL_MS', 1000, 10, 3_600_000),
    batchSize: readInteger(env, 'WORKER_BATCH_SIZE', 100, 1, 10_000),
    workerId: env.WORKER_ID?.trim() || `${hostname()}:${process.pid}`,
    logLevel: env.LOG_LEVEL || 'info',
    once,
  }
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new WorkerSettingsError(
      `${name}=${raw} is not an integer between ${min} and ${max}. Fix it or unset it (default ${fallback}).`,
    )
  }
  return value
}
