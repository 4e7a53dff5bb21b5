// Vitest globalSetup: one PostgreSQL per Vitest process, however many projects list this file.
// Workers receive connection info through `inject('tenantkit')`.
import '../quiet-wasm-warning.ts'
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import './context.ts'
import { findMigrationsDir } from './find-migrations.ts'
import { readSettings } from './settings.ts'
import { startTestServer, type TestServer } from './test-server.ts'

type Shared = { server: Promise<TestServer>; users: number }
const KEY = Symbol.for('tenantkit.test-server')
const registry = globalThis as typeof globalThis & { [KEY]?: Shared }

/** Notes a SIGINT or SIGTERM while the start runs (Vitest's own handlers still exit). */
function watchForInterrupt() {
  const watch = { received: false, stop: () => {} }
  const note = () => {
    watch.received = true
  }
  process.once('SIGINT', note)
  process.once('SIGTERM', note)
  watch.stop = () => {
    process.off('SIGINT', note)
    process.off('SIGTERM', note)
  }
  return watch
}

const loopTurns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve))
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Projects load this module separately; the registry on globalThis makes them share one server.
  const settings = readSettings()
  // Each project gets the template of its own migration history: the one its config names
  // (defineKitProject's `migrations` sets its env; relative to the project's root), else
  // TEST_MIGRATIONS_DIR (relative to where Vitest started, as any path in the environment), else
  // the nearest prisma/migrations.
  const migrationsDir = findMigrationsDir(
    project.config.root,
    project.config.env?.TEST_MIGRATIONS_DIR || (settings.migrationsDir && resolve(settings.migrationsDir)),
  )
  let shared = registry[KEY]
  if (!shared) {
    shared = { server: startTestServer({ migrationsDir, settings }), users: 0 }
    registry[KEY] = shared
    shared.server.catch(() => {
      delete registry[KEY]
    })
  }
  shared.users++
  const interrupt = watchForInterrupt()
  let server: TestServer
  const provide = async () =>
    project.provide('tenantkit', { ...server.info, template: await server.templateFor(migrationsDir) })
  try {
    server = await shared.server
    await provide()
  } catch (error) {
    // Vitest exits on a Ctrl-C or SIGTERM by itself, a moment later; the start then fails on what
    // the same signal did (PostgreSQL shares the terminal's process group and stops on Ctrl-C).
    // That failure is no error of the user's to read: the run's end cleans up. The signal and the
    // death of initdb or PostgreSQL reach this process together, and the death can be handled
    // first, its failure reaching here within the same turn of the event loop: two more turns
    // let a signal that came with it be noted (a poll of the loop handles signals).
    if (!interrupt.received) await loopTurns(2)
    if (interrupt.received) return new Promise(() => {})
    throw error
  } finally {
    interrupt.stop()
  }
  project.onTestsRerun(async () => {
    // Watch mode: a change under prisma/migrations rebuilds the template before the re-run.
    await server.refreshTemplate()
    await provide()
  })
  return async () => {
    const current = registry[KEY]
    if (!current || --current.users > 0) return
    delete registry[KEY]
    await server.stop()
  }
}
