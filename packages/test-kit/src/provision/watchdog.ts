// A tiny detached shell that outlives this process by a moment: when the owner dies (even by
// SIGKILL, where no JavaScript runs), it runs a cleanup snippet (stop the server, remove files).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const WATCH = 'while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; exec /bin/sh -c "$3" cleanup "$2"'
/** In a waiting watchdog's command line (its shell's $0), so cleanup can tell it from the rest. */
export const WATCHDOG_NAME = 'tenantkit-watchdog'

/**
 * Runs `cleanupScript` (a shell snippet; `$1` is `arg`) once `process.pid` is gone.
 * Returns a function that cancels the watchdog (call it after a normal, complete stop).
 */
export function startWatchdog(arg: string, cleanupScript: string): () => void {
  const child = spawn('/bin/sh', ['-c', WATCH, WATCHDOG_NAME, String(process.pid), arg, cleanupScript], {
    detached: true,
    stdio: 'ignore',
  })
  child.unref()
  return () => {
    try {
      child.kill('SIGKILL')
    } catch {}
  }
}

const RUN_CLEANUP = fileURLToPath(new URL('./run-cleanup.ts', import.meta.url))

/**
 * The watchdog of a run folder: once this process is gone, run-cleanup.ts stops what the run's
 * tests started and its server, and removes the folder.
 */
export function startRunWatchdog(runDir: string): () => void {
  // Without the run's NODE_OPTIONS (an --inspect there would fight the run for its debugger port).
  const command = `NODE_OPTIONS= exec ${shellQuote(process.execPath)} ${shellQuote(RUN_CLEANUP)} "$1"`
  return startWatchdog(runDir, command)
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}
