// The Wasm schema engine arms timers (setTimeout from Rust futures) that it never clears; each
// keeps Node alive for seconds after the engine is done — a Vitest run would hang ~10 s before
// exiting. While an engine call runs, timers it creates are unref'd: they still fire if the
// process is alive, but never hold it open.
const ENGINE_FRAME = 'schema_engine_bg'

let active = 0
let original: typeof setTimeout | undefined

function install(): void {
  if (active++ > 0) return
  const saved = globalThis.setTimeout
  original = saved
  const patched = ((...args: Parameters<typeof setTimeout>) => {
    const timer = saved(...args)
    if (new Error().stack?.includes(ENGINE_FRAME)) timer.unref()
    return timer
  }) as typeof setTimeout
  globalThis.setTimeout = Object.assign(patched, saved)
}

function uninstall(): void {
  if (--active > 0 || !original) return
  globalThis.setTimeout = original
  original = undefined
}

/** Runs `fn` (which drives a schema engine) so that the engine's timers never keep the process alive. */
export async function withUnrefEngineTimers<T>(fn: () => Promise<T>): Promise<T> {
  install()
  try {
    return await fn()
  } finally {
    uninstall()
  }
}
