// A tiny detached shell that outlives this process by a moment: when the owner dies (even by
// SIGKILL, where no JavaScript runs), it runs a cleanup snippet (stop the server, remove files).
import { spawn } from 'node:child_process'
import { modulePath } from '../module-path.ts'

// It says it runs (one line on stdout, then stdout closes) before it starts to wait.
const WATCH =
  'echo; exec >/dev/null; while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; exec /bin/sh -c "$3" cleanup "$2"'
/** In a waiting watchdog's command line (its shell's $0), so cleanup can tell it from the rest. */
export const WATCHDOG_NAME = 'tenantkit-watchdog'
/**
 * Starts that signals may cut short before the kit goes on without a watchdog. Each such death
 * takes a signal of its own that lands while the child forks (a pending signal is not inherited by
 * the next child), so this is only reached under a stream of a thousand signals.
 */
const TRIES = 1000

/**
 * Runs `cleanupScript` (a shell snippet; `$1` is `arg`) once `process.pid` is gone. Resolves, once
 * the watchdog runs, to a function that cancels it (call it after a normal, complete stop).
 *
 * Why it waits for the shell to say it runs: a child is forked into this process's group with
 * every signal blocked, and leaves the group (setsid) before it unblocks them. A Ctrl-C (SIGINT to
 * the whole group) that lands in between stays pending in the child and kills it as it unblocks,
 * before it runs anything, while spawn() reports success. Measured here: 69 of 595 detached
 * children so spawned under repeated SIGINTs died that way. A watchdog killed by a signal before
 * it said it runs is started again; one that said so has left the group, and a Ctrl-C no longer
 * reaches it.
 */
export async function startWatchdog(arg: string, cleanupScript: string): Promise<() => void> {
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const child = spawn('/bin/sh', ['-c', WATCH, WATCHDOG_NAME, String(process.pid), arg, cleanupScript], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const outcome = await new Promise<'runs' | 'signalled' | 'failed'>((resolve) => {
      child.stdout.once('data', () => resolve('runs'))
      child.once('exit', (_code, signal) => resolve(signal ? 'signalled' : 'failed'))
      child.once('error', () => resolve('failed'))
    })
    child.stdout.destroy()
    child.unref()
    if (outcome === 'runs') {
      return () => {
        try {
          child.kill('SIGKILL')
        } catch {}
      }
    }
    if (outcome === 'failed') break
  }
  // Nothing is lost without it while this process lives; if it is killed, the next run's reaper
  // ends what it left in the kit's state folder.
  return () => {}
}

const RUN_CLEANUP = modulePath('./run-cleanup', import.meta.url)

/**
 * The watchdog of a run folder: once this process is gone, run-cleanup.ts stops what the run's
 * tests started and its server, and removes the folder (if it was made by then).
 */
export function startRunWatchdog(runDir: string): Promise<() => void> {
  // Without the run's NODE_OPTIONS (an --inspect there would fight the run for its debugger port).
  const command = `NODE_OPTIONS= exec ${shellQuote(process.execPath)} ${shellQuote(RUN_CLEANUP)} "$1"`
  return startWatchdog(runDir, command)
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}
