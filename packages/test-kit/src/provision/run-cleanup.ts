// Ends what a run left in its folder: the process groups its tests registered, any PostgreSQL
// whose data folder lies inside, then the folder itself. The run's teardown, its watchdog (when
// the Vitest process died) and the next run's reaper all end a run this one way.
//   node run-cleanup.ts <run folder>     (what the watchdog runs)
import { type Dirent, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { StateDirError } from '../errors.ts'
import { stopRegisteredGroups } from './process-groups.ts'
import { commandLineOf, isAlive, processesNaming, sendSignal } from './process-table.ts'
import { WATCHDOG_NAME } from './watchdog.ts'

const POSTMASTER_STOP_MS = 5000
/** How long removing the folder may keep ending what still works in it before it gives up. */
const REMOVE_MS = 10_000

/** Stops the run's processes and servers, then removes its folder. */
export async function cleanUpRunDir(dir: string): Promise<void> {
  await stopRegisteredGroups(dir)
  await Promise.all(findPostmasters(dir).map(stopPostmaster))
  await removeRunDir(dir)
}

/**
 * Removes the folder once no process names it. A start interrupted by a signal can leave an
 * archive being unpacked or an initdb working in it (SIGTERM reaches the Vitest process only), and
 * either would fill the folder again while it is removed, or recreate it: those are ended first,
 * then looked for again, since one may have started a child (initdb's `mkdir -p`) just before it
 * died. The run's watchdog, waiting for the run to end, names the folder too and is left alone: a
 * teardown cut short by the process's exit (Ctrl-C during the start) still needs it.
 */
async function removeRunDir(dir: string): Promise<void> {
  const deadline = Date.now() + REMOVE_MS
  for (;;) {
    const working = processesNaming(dir).filter((pid) => !commandLineOf(pid)?.includes(WATCHDOG_NAME))
    if (working.length === 0) {
      try {
        rmSync(dir, { recursive: true, force: true })
      } catch (error) {
        if (Date.now() > deadline) throw error
      }
      if (!existsSync(dir)) return
    } else {
      for (const pid of working) sendSignal(pid, 'SIGKILL')
      while (working.some(isAlive) && Date.now() < deadline) await sleep(5)
    }
    if (Date.now() > deadline) {
      throw new StateDirError(
        `${dir} could not be removed: processes ${working.join(', ')} still use it and did not end on SIGKILL. Remove the folder once they have ended; the next run removes it otherwise.`,
      )
    }
    // Ended ones are looked for again at once; a folder that would not go is tried again shortly.
    if (working.length === 0) await sleep(50)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Pids of live postmasters whose data folder is `dir` or below it (a test's server included). */
export function findPostmasters(dir: string): number[] {
  const found: number[] = []
  const visit = (folder: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return
    }
    if (entries.some((entry) => entry.name === 'postmaster.pid')) {
      const pid = postmasterOf(folder)
      if (pid !== undefined) found.push(pid)
    }
    // A data folder holds nothing else of interest, and thousands of files.
    if (entries.some((entry) => entry.name === 'PG_VERSION')) return
    for (const entry of entries) if (entry.isDirectory()) visit(join(folder, entry.name))
  }
  visit(dir)
  return found
}

/** The pid in `dataDir`/postmaster.pid if that process is alive and is the postmaster of `dataDir`. */
function postmasterOf(dataDir: string): number | undefined {
  let lines: string[]
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
  } catch {
    return undefined
  }
  const pid = Number.parseInt(lines[0] ?? '', 10)
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return undefined
  // A stale file's pid may belong to an unrelated process by now: the command line must name the folder.
  return commandLineOf(pid)?.includes(lines[1] ?? dataDir) ? pid : undefined
}

/** Immediate shutdown (SIGQUIT), SIGKILL if it has not ended in 5 s; resolves once it is gone. */
async function stopPostmaster(pid: number): Promise<void> {
  const send = (signal: NodeJS.Signals) => sendSignal(pid, signal)
  send('SIGQUIT')
  const deadline = Date.now() + POSTMASTER_STOP_MS
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      send('SIGKILL')
      if (Date.now() > deadline + POSTMASTER_STOP_MS) return
    }
    await sleep(50)
  }
}

if (import.meta.main) {
  const dir = process.argv[2]
  if (dir && existsSync(dir)) await cleanUpRunDir(dir)
}
