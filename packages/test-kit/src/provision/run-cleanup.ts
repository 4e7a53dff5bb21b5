// Ends a run: every process that carries its mark (marked-processes.ts), the containers it
// recorded, then its folder. The run's teardown, its watchdog (once the Vitest process is gone)
// and the next run's reaper all end a run this one way.
//   node run-cleanup.ts <run folder>     (what the watchdog runs)
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { StateDirError } from '../errors.ts'
import { markedProcesses, stopMarked } from './marked-processes.ts'

/** How long what the run started gets to end after SIGTERM (a test's server shutting down). */
export const RUN_GRACE_MS = 10_000
/** How long removing the folder may keep ending what still works in it before it gives up. */
const REMOVE_MS = 10_000
const CONTAINERS = 'containers'

/** The mark every process of the run in `dir` carries: the folder's name, `tenantkit-<runId>`. */
export const runMark = (dir: string): string => basename(dir)

/** Records a container of the run, which cleanup removes (`docker rm -f -v`). */
export function containersDir(runDir: string): string {
  return join(runDir, CONTAINERS)
}

/** Stops the run's processes and server, removes its containers, then its folder. */
export async function cleanUpRunDir(dir: string, graceMs = RUN_GRACE_MS): Promise<void> {
  await stopMarked(runMark(dir), 'SIGTERM', graceMs)
  await removeContainers(dir)
  await removeRunDir(dir)
}

async function removeContainers(dir: string): Promise<void> {
  let ids: string[]
  try {
    ids = readdirSync(containersDir(dir))
  } catch {
    return
  }
  await Promise.all(
    ids.map((id) => promisify(execFile)('docker', ['rm', '-f', '-v', id]).catch(() => undefined)),
  )
}

/**
 * Removes the folder. A process of the run that a signal left working in it (an archive being
 * unpacked, initdb) would fill it again or recreate it: whatever still carries the mark is ended
 * first, on every try.
 */
async function removeRunDir(dir: string): Promise<void> {
  const deadline = Date.now() + REMOVE_MS
  for (;;) {
    await stopMarked(runMark(dir), 'SIGKILL', 0)
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch (error) {
      if (Date.now() > deadline) throw error
    }
    if (!existsSync(dir)) return
    if (Date.now() > deadline) {
      const left = (await markedProcesses(runMark(dir))).map((info) => info.pid)
      throw new StateDirError(
        `${dir} could not be removed (processes still using it: ${left.join(', ') || 'none'}). Remove the folder once they have ended; the next run removes it otherwise.`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

if (import.meta.main) {
  const dir = process.argv[2]
  if (dir && existsSync(dir)) await cleanUpRunDir(dir)
}
