// Cached PostgreSQL clusters: copying a folder (~0.1 s) replaces initdb (~0.5 s) and, while the
// migrations are unchanged, the template build too. Entries are keyed by what makes clusters
// differ, never by where a checkout lives, and bounded: beyond a few per kind the least recently
// used go, and so does any entry unused for a week.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `initdb`: a pristine cluster. `template`: one whose kit template is built and migrated. */
export type ClusterKind = 'initdb' | 'template'

/** Entries kept per kind: a PostgreSQL upgrade, or a few branches with different migrations. */
export const CACHE_LIMITS: Record<ClusterKind, number> = { initdb: 2, template: 3 }
/** An entry not used for this long is removed whatever the count. */
export const MAX_IDLE_MS = 7 * 24 * 60 * 60 * 1000
/** A save still in progress after this long was interrupted. */
const STALE_PARTIAL_MS = 10 * 60 * 1000
const ENTRY_NAME = /^(initdb|template)-[0-9a-f]{16}$/

/** The folder of the entry of `kind` for `key` (any string naming everything the cluster depends on). */
export function clusterEntry(root: string, kind: ClusterKind, key: string): string {
  return join(root, `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`)
}

/** Copies a cached cluster to `dataDir` (owner and modes kept) and marks it used; false when there is none. */
export async function restoreCluster(entry: string, dataDir: string): Promise<boolean> {
  if (!existsSync(join(entry, 'PG_VERSION'))) return false
  try {
    utimesSync(entry, new Date(), new Date())
    await run('cp', ['-a', entry, dataDir])
    // Another run pruned it while we copied (pruning renames first): the copy may be incomplete.
    if (!existsSync(join(entry, 'PG_VERSION'))) throw new Error(`${entry} was removed during the copy`)
    return true
  } catch {
    rmSync(dataDir, { recursive: true, force: true })
    return false
  }
}

/**
 * Keeps a copy of `dataDir` (a cluster that is not running) as `entry`, then prunes the cache.
 * Concurrent runs race harmlessly; a cache folder that cannot be written only costs the speed-up.
 */
export async function saveCluster(entry: string, dataDir: string): Promise<void> {
  if (existsSync(entry)) return
  const partial = `${entry}.${process.pid}.partial`
  try {
    mkdirSync(dirname(entry), { recursive: true })
    await run('cp', ['-a', dataDir, partial])
    renameSync(partial, entry)
    utimesSync(entry, new Date(), new Date())
  } catch {
    // Another run saved it first, or the cache folder is not writable.
  } finally {
    rmSync(partial, { recursive: true, force: true })
  }
  pruneClusterCache(dirname(entry))
}

/**
 * Removes the entries beyond CACHE_LIMITS per kind (least recently used first), those unused for
 * MAX_IDLE_MS, and what interrupted saves left. Other files in `root` are left alone.
 * @returns the folders it removed
 */
export function pruneClusterCache(root: string, now = Date.now()): string[] {
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return []
  }
  const removed: string[] = []
  const byKind: Record<ClusterKind, { path: string; usedAt: number }[]> = { initdb: [], template: [] }
  for (const name of names) {
    const path = join(root, name)
    const usedAt = modifiedAt(path)
    if (usedAt === undefined) continue
    if (name.endsWith('.partial') || name.endsWith('.trash')) {
      if (now - usedAt > STALE_PARTIAL_MS && remove(path)) removed.push(path)
      continue
    }
    const kind = ENTRY_NAME.exec(name)?.[1] as ClusterKind | undefined
    if (kind) byKind[kind].push({ path, usedAt })
  }
  for (const kind of Object.keys(byKind) as ClusterKind[]) {
    const entries = byKind[kind].sort((a, b) => b.usedAt - a.usedAt)
    entries.forEach((entry, rank) => {
      const expired = rank >= CACHE_LIMITS[kind] || now - entry.usedAt > MAX_IDLE_MS
      if (expired && remove(entry.path)) removed.push(entry.path)
    })
  }
  return removed
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** Renames first, so a run copying the entry at this moment notices (see restoreCluster). */
function remove(path: string): boolean {
  const trash = path.endsWith('.trash') ? path : `${path}.${process.pid}.trash`
  try {
    if (trash !== path) renameSync(path, trash)
  } catch {
    return false // removed by another run meanwhile
  }
  rmSync(trash, { recursive: true, force: true })
  return true
}
