// A run's watchdog: a tiny detached shell that ends the run (run-cleanup.ts) once the process
// that owns it is gone, even by SIGKILL, where no JavaScript runs. It learns of that end from its
// stdin: a pipe only the owner holds, which the kernel closes when the owner dies, however it dies.
import { spawn } from 'node:child_process'
import { modulePath } from '../module-path.ts'
import { unmarkedEnv } from './marked-processes.ts'
import { runMark } from './run-cleanup.ts'

// It says it runs (one line on stdout, then stdout closes), then waits for end of file on stdin.
const WATCH = 'echo; exec >/dev/null; while read -r _; do :; done; exec /bin/sh -c "$2" cleanup "$1"'
/** In a waiting watchdog's command line (its shell's $0), so a reader of `ps` can tell it from the rest. */
const WATCHDOG_NAME = 'tenantkit-watchdog'
/**
 * Starts that signals may cut short before the kit goes on without a watchdog. Each such death
 * takes a signal of its own that lands while the child forks (a pending signal is not inherited by
 * the next child), so this is only reached under a stream of a thousand signals.
 */
const TRIES = 1000
const RUN_CLEANUP = modulePath('./run-cleanup', import.meta.url)

/**
 * Runs `cleanupScript` (a shell snippet; `$1` is `arg`) once this process is gone. Resolves, once
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
export async function startWatchdog(
  arg: string,
  cleanupScript: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<() => void> {
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const child = spawn('/bin/sh', ['-c', WATCH, WATCHDOG_NAME, arg, cleanupScript], {
      detached: true,
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    const outcome = await new Promise<'runs' | 'signalled' | 'failed'>((resolve) => {
      child.stdout?.once('data', () => resolve('runs'))
      child.once('exit', (_code, signal) => resolve(signal ? 'signalled' : 'failed'))
      child.once('error', () => resolve('failed'))
    })
    child.stdout?.destroy()
    if (outcome === 'runs') {
      // Held open, never written: its end is this process's end. Not one to keep the process alive.
      const pipe = child.stdin as (NodeJS.WritableStream & { unref?: () => void }) | null
      pipe?.unref?.()
      child.unref()
      return () => {
        try {
          child.kill('SIGKILL')
        } catch {}
        child.stdin?.destroy()
      }
    }
    child.stdin?.destroy()
    if (outcome === 'failed') break
  }
  // Nothing is lost without it while this process lives; if it is killed, the next run's reaper
  // ends what it left in the kit's state folder.
  return () => {}
}

/**
 * The watchdog of a run folder: once this process is gone, run-cleanup.ts ends what carries the
 * run's mark and removes the folder (if it was made by then). It does not carry the mark itself.
 */
export function startRunWatchdog(runDir: string): Promise<() => void> {
  // Without the run's NODE_OPTIONS (an --inspect there would fight the run for its debugger port).
  const command = `NODE_OPTIONS= exec ${shellQuote(process.execPath)} ${shellQuote(RUN_CLEANUP)} "$1"`
  return startWatchdog(runDir, command, unmarkedEnv(process.env, runMark(runDir)))
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}
