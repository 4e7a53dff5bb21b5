// Where throwaway server state lives: a RAM filesystem when the machine has one (cloning a
// template there is ~30x faster than on a virtual disk), else the OS temp folder.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { StateDirError } from '../errors.ts'

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

/** Creates a fresh folder owned by this process (its pid is written inside for the reaper). */
export function createRunDir(root: string, runId: string): string {
  mkdirSync(root, { recursive: true, mode: 0o1777 })
  const dir = join(root, `${PREFIX}${runId}`)
  mkdirSync(dir, { mode: 0o755 })
  writeFileSync(join(dir, 'owner.pid'), String(process.pid))
  return dir
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes run folders whose owner process is gone (a run killed with SIGKILL), stopping the
 * PostgreSQL still running from them first. Returns the folders it removed.
 */
export async function reapDeadRunDirs(root: string): Promise<string[]> {
  if (!existsSync(root)) return []
  const removed: string[] = []
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue
    const dir = join(root, name)
    const owner = readPid(join(dir, 'owner.pid'))
    if (owner !== undefined && isAlive(owner)) continue
    const postmaster = readPid(join(dir, 'data', 'postmaster.pid'))
    if (postmaster !== undefined && isAlive(postmaster)) {
      try {
        process.kill(postmaster, 'SIGQUIT')
      } catch {}
      // Removing files under a running postmaster races with its shutdown: wait for it.
      for (let i = 0; i < 100 && isAlive(postmaster); i++)
        await new Promise((resolve) => setTimeout(resolve, 50))
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
    removed.push(dir)
  }
  return removed
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
export function assertReachableByOthers(dir: string): void {
  for (let current = dir; dirname(current) !== current; current = dirname(current)) {
    let mode: number
    try {
      mode = statSync(current).mode
    } catch {
      continue
    }
    if ((mode & 0o001) === 0) {
      throw new StateDirError(
        `${current} (mode ${(mode & 0o777).toString(8)}) cannot be entered by the postgres user that the embedded PostgreSQL runs as when you are root. Set TEST_KIT_STATE_DIR to a folder everyone can enter (chmod o+x), or unset it to use /dev/shm.`,
      )
    }
  }
}
