// initdb takes ~0.5 s of the embedded server's ~0.6 s start. Its output depends only on the
// binaries and the flags, so the first run keeps a pristine copy and later runs copy it (~50 ms).
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The cached cluster for `key` under `root` (`settings.cacheDir`: TEST_KIT_CACHE_DIR); none without a root. */
export function initdbCacheDir(root: string | undefined, key: string): string | undefined {
  if (!root) return undefined
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16)
  return join(root, `initdb-${hash}`)
}

/** Copies a cached cluster to `dataDir` (owner and modes kept); false when there is none. */
export async function restoreCluster(cacheDir: string | undefined, dataDir: string): Promise<boolean> {
  if (!cacheDir || !existsSync(join(cacheDir, 'PG_VERSION'))) return false
  try {
    await run('cp', ['-a', cacheDir, dataDir])
    return true
  } catch {
    rmSync(dataDir, { recursive: true, force: true })
    return false
  }
}

/** Keeps a copy of a freshly initialised (never started) cluster; concurrent runs race harmlessly. */
export async function saveCluster(cacheDir: string | undefined, dataDir: string): Promise<void> {
  if (!cacheDir || existsSync(cacheDir)) return
  const partial = `${cacheDir}.${process.pid}.partial`
  try {
    mkdirSync(join(cacheDir, '..'), { recursive: true })
    await run('cp', ['-a', dataDir, partial])
    renameSync(partial, cacheDir)
  } catch {
    // Another run saved it first, or the cache folder is not writable: the cache is optional.
  } finally {
    rmSync(partial, { recursive: true, force: true })
  }
}
