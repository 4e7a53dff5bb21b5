// What a scenario is: a piece of application code run against a PrismaClient, returning what it
// observed (values, error codes) in a form that compares across runs.
import type { PrismaClient } from '@tenantkit/db'
import type pg from 'pg'
import type { IsolationLimitId } from '../../../src/isolation/limits.ts'

export type ScenarioEnv = {
  db: PrismaClient
  /** A second connection to the same database, as a worker or another pooled connection would open. */
  connect(): Promise<pg.Client>
}

export type Scenario<T = unknown> = {
  name: string
  run(env: ScenarioEnv): Promise<T>
  /** A documented difference: what transaction isolation observes, given production's observation. */
  limit?: { id: IsolationLimitId; inTransactionMode(production: T): unknown }
}

export function scenario<T>(
  name: string,
  run: (env: ScenarioEnv) => Promise<T>,
  limit?: Scenario<T>['limit'],
): Scenario {
  return { name, run, limit } as Scenario
}

export type ErrorShape = { error: string; code?: string }
export type Outcome<T> = { ok: T } | ErrorShape

/** Prisma's class and code (P2002, P2028…), or the driver's SQLSTATE for errors Prisma does not map. */
export function errorShape(error: unknown): ErrorShape {
  const e = error as {
    name?: string
    code?: unknown
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } }
  }
  const code = typeof e.code === 'string' ? e.code : e.meta?.driverAdapterError?.cause?.originalCode
  return { error: error instanceof Error ? error.constructor.name : String(error), ...(code && { code }) }
}

/** Runs `fn` and returns its value or the shape of its error. */
export async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await fn() }
  } catch (error) {
    return errorShape(error)
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A promise and the function that settles it: one side of a scenario tells the other it got somewhere. */
export function signal(): { promise: Promise<void>; send(): void } {
  let send = () => {}
  const promise = new Promise<void>((resolve) => {
    send = resolve
  })
  return { promise, send }
}

/**
 * How long one side of a scenario waits for the other's signal before it goes on alone: where both
 * run at once (production) the signal comes in milliseconds, and this is only a safety net far above
 * that; where an isolation mode runs the other side only after this one ends (transaction mode
 * serializes transactions), the signal cannot come, and this is how long the first side holds.
 */
export const PATIENCE_MS = 1000

/** Waits for `signal` (settled either way), or PATIENCE_MS at most. */
export const awaitSignal = (signal: Promise<unknown>) =>
  Promise.race([signal.then(noop, noop), sleep(PATIENCE_MS)])
const noop = () => {}

let n = 0
/** A user row's data; emails are unique within a scenario. */
export const userData = (label: string) => ({
  email: `${label}-${++n}@example.com`,
  fullName: label,
  passwordHash: 'x',
})

/** An email without the counter that made it unique, so runs compare. */
export const label = (email: string) => email.replace(/-\d+@/, '@')

/** Emails of every user, sorted: the usual "what is committed" observation. */
export async function emails(db: PrismaClient): Promise<string[]> {
  const users = await db.user.findMany({ select: { email: true } })
  return users.map((u) => label(u.email)).sort()
}
