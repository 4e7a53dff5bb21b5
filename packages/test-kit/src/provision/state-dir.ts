// Where a run's throwaway state lives — the server's data, what tests register and their scratch
// folders: a RAM filesystem when the machine has one (cloning a template there is ~30x faster than
// on a virtual disk), else the OS temp folder. One folder per run, named with its id.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { StateDirError } from '../errors.ts'
import { isAlive } from './process-table.ts'
import { cleanUpRunDir, runMark } from './run-cleanup.ts'
import { startRunWatchdog } from './watchdog.ts'

const RAM_DIR = '/dev/shm'
const PREFIX = 'tenantkit-'

export function stateRoot(configured: string | undefined): string {
  if (configured) return configured
  try {
    accessSync(RAM_DIR, constants.W_OK)
    return RAM_DIR
  } catch {
    return join(tmpdir(), 'tenantkit')
  }
}

/** The folder of run `runId` under `root` (openRun makes it). */
const runDirPath = (root: string, runId: string): string => join(root, `${PREFIX}${runId}`)

export type Run = {
  dir: string
  /** What every process the run starts carries in its environment (marked-processes.ts). */
  mark: string
  /** Ends what carries the mark, removes the folder, then cancels the watchdog; idempotent. */
  end(): Promise<void>
}

/**
 * Opens run `runId` under `root`: ends the runs whose owner died, starts this run's watchdog, then
 * makes its folder. The watchdog runs before the folder exists, so no signal can leave the folder
 * without one (see watchdog.ts): from here on, a killed process leaves nothing either.
 */
export async function openRun(root: string, runId: string): Promise<Run> {
  const dir = runDirPath(root, runId)
  const watchdog = startRunWatchdog(dir)
  try {
    await reapDeadRunDirs(root)
    const cancelWatchdog = await watchdog
    createRunDir(root, runId)
    let ended: Promise<void> | undefined
    const end = () => {
      // The watchdog stays if the cleanup fails: it tries again once this process is gone.
      ended ??= cleanUpRunDir(dir).then(cancelWatchdog)
      return ended
    }
    return { dir, mark: runMark(dir), end }
  } catch (error) {
    ;(await watchdog)()
    throw error
  }
}

/** Creates a fresh folder owned by this process (its pid is written inside for the reaper). */
function createRunDir(root: string, runId: string): string {
  mkdirSync(root, { recursive: true, mode: 0o1777 })
  const dir = runDirPath(root, runId)
  mkdirSync(dir, { mode: 0o755 })
  writeFileSync(join(dir, 'owner.pid'), String(process.pid))
  return dir
}

/**
 * Ends the runs whose owner process is gone (a run killed with SIGKILL, its watchdog too): stops
 * what they started and removes their folders. Returns the folders it removed.
 */
export async function reapDeadRunDirs(root: string): Promise<string[]> {
  if (!existsSync(root)) return []
  const removed: string[] = []
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue
    const dir = join(root, name)
    const owner = readPid(join(dir, 'owner.pid'))
    if (owner !== undefined ? isAlive(owner) : isYoung(dir)) continue
    await cleanUpRunDir(dir)
    removed.push(dir)
  }
  return removed
}

/** A folder without owner.pid may be one another run is creating right now. */
function isYoung(dir: string): boolean {
  try {
    return Date.now() - statSync(dir).mtimeMs < 60_000
  } catch {
    return true
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder
 * above its data folder. Fails with the folder to fix instead of initdb's bare "Permission denied".
 */
export function assertReachableByOthers(
  dir: string,
  fix = 'Set TEST_KIT_STATE_DIR to a folder everyone can enter (chmod o+x), or unset it to use /dev/shm.',
): void {
  for (let current = dir; dirname(current) !== current; current = dirname(current)) {
    let mode: number
    try {
      mode = statSync(current).mode
    } catch {
      continue
    }
    if ((mode & 0o001) === 0) {
      throw new StateDirError(
        `${current} (mode ${(mode & 0o777).toString(8)}) cannot be entered by the postgres user that the embedded PostgreSQL runs as when you are root. ${fix}`,
      )
    }
  }
}
