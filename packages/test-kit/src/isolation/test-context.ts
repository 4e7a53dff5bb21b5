// Which test a query belongs to, for clients that outlive one test: the app's own module-level
// client, and the worker's warm client in database mode. The kit's setup file runs every test
// inside an AsyncLocalStorage context (Vitest's aroundEach), so work a test starts and awaits —
// app.inject, a handler, a $transaction — carries the test with it, under test.concurrent too.
// Without that context (a config that does not load the kit's setup file, or a timer started
// outside any test), the one test running in this worker is meant, and two running at once is an
// error that says what to do.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { DatabaseOutsideTestError } from '../errors.ts'

/** A test's database as a client that outlives the test reaches it. */
export type RouteTarget = {
  /** The test's own adapter: the savepoint adapter on its connection, or adapter-pg on its clone. */
  adapter: SqlDriverAdapterFactory
  /** The adapter, connected once. */
  connected?: Promise<SqlDriverAdapter>
}

/** One running test, as the kit's fixtures register it. */
export type TestEntry = {
  readonly label: string
  /** Set once the test's database is open (by `db`, or on the first routed query). */
  target?: RouteTarget
  /** Opens the test's database when a routed query comes first (the kit's fixtures set it). */
  open?: () => Promise<RouteTarget>
  opening?: Promise<RouteTarget>
  ended: boolean
}

/** The test a piece of work belongs to, by Vitest's task id (its fixtures may be set up before the context). */
const storage = new AsyncLocalStorage<string>()
/** The tests running in this worker, by task id. */
const running = new Map<string, TestEntry>()

/** Runs one test (its hooks, fixtures and body) in a context of its own. The kit's setup file calls it. */
export function runInTestContext<T>(taskId: string, run: () => T): T {
  return storage.run(taskId, run)
}

/** Runs `run` detached from any test's context: as a timer set up before the tests would. */
export function runOutsideTestContext<T>(run: () => T): T {
  return storage.exit(run)
}

/** Registers a running test (by its Vitest task id); `end()` unregisters it. */
export function enterTest(
  task: { id: string; name: string },
  open?: () => Promise<RouteTarget>,
): TestEntry & { end(): Promise<void> } {
  const entry: TestEntry & { end(): Promise<void> } = {
    label: task.name,
    ended: false,
    ...(open && { open }),
    async end() {
      entry.ended = true
      if (running.get(task.id) === entry) running.delete(task.id)
      const adapter = await entry.target?.connected?.catch(() => undefined)
      await adapter?.dispose().catch(() => undefined)
    },
  }
  running.set(task.id, entry)
  return entry
}

/** The adapter of the test this call belongs to, connected. */
export async function currentAdapter(): Promise<SqlDriverAdapter> {
  const entry = currentEntry()
  if (entry.ended) {
    throw new DatabaseOutsideTestError(
      `A query of the app's client came from test "${entry.label}" after it ended (work it started and did not await). Await that work in the test, or end it in an afterEach.`,
    )
  }
  const target = entry.target ?? (await openEntry(entry))
  target.connected ??= target.adapter.connect()
  return target.connected
}

/** Opens the test's database, once, whoever asks first (the `db` fixture or a routed query). */
export function openEntry(entry: TestEntry): Promise<RouteTarget> {
  if (!entry.open) {
    throw new DatabaseOutsideTestError(
      `Test "${entry.label}" has no database for the app's client: ask for \`db\` (or \`factories\`, \`app\`) in the test.`,
    )
  }
  entry.opening ??= entry.open()
  return entry.opening
}

function currentEntry(): TestEntry {
  const taskId = storage.getStore()
  const entry = taskId === undefined ? undefined : running.get(taskId)
  if (entry) return entry
  if (taskId !== undefined) {
    throw new DatabaseOutsideTestError(
      "A query of the app's client came from a test after it ended (work it started and did not await). Await that work in the test, or end it in an afterEach.",
    )
  }
  const [only, ...others] = running.values()
  if (only && others.length === 0) return only
  if (!only) {
    throw new DatabaseOutsideTestError(
      "The app's client was used outside a test (at import, in beforeAll, or after the test ended). Use it inside a test or a beforeEach.",
    )
  }
  throw new DatabaseOutsideTestError(
    `The app's client was used while ${running.size} tests run in this worker (test.concurrent: ${[...running.values()].map((e) => `"${e.label}"`).join(', ')}), and this call carries none of them. Load the kit's setup file (defineKitProject does; else add '@tenantkit/test-kit/setup' to setupFiles), or run these tests one after another.`,
  )
}
