// Cached PostgreSQL clusters: unpacking one replaces initdb (~0.5 s) and, while the migrations are
// unchanged, the template build too. An entry is a tar archive of a stopped cluster's folder: one
// file reads faster than the folder's ~1,300 (half the CPU of `cp -a`), and a run unpacking it is
// not disturbed by another pruning it. Entries are keyed by what makes clusters differ, never by
// where a checkout lives, and bounded: beyond a few per kind the least recently used go, and so
// does any entry unused for a week. Templates are counted per project — per migration history,
// named by its first migration — so projects sharing a machine's cache never evict each other.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** `initdb`: a pristine cluster. `template`: one whose kit template is built and migrated. */
export type ClusterKind = 'initdb' | 'template'

/**
 * Entries kept per kind: a PostgreSQL upgrade, or a few branches with different migrations (for
 * templates: per project, see TEMPLATE_PROJECTS_LIMIT).
 */
export const CACHE_LIMITS: Record<ClusterKind, number> = { initdb: 2, template: 3 }
/** Projects whose templates are kept at once, least recently used dropped first: a disk bound. */
export const TEMPLATE_PROJECTS_LIMIT = 8
/** An entry not used for this long is removed whatever the count. */
export const MAX_IDLE_MS = 7 * 24 * 60 * 60 * 1000
/** A save still in progress after this long was interrupted. */
const STALE_PARTIAL_MS = 10 * 60 * 1000
/**
 * Entries (`template-<project>-<key>.tar`), and the names earlier versions used (no project; counted
 * as a project of their own, so they get pruned).
 */
const ENTRY_NAME = /^(initdb|template)-(?:([0-9a-f]{8})-)?[0-9a-f]{16}(\.tar)?$/
/** Owners by number (as root the cluster belongs to `postgres`), modes kept. */
const TAR_FLAGS = ['--numeric-owner', '-p']

/**
 * The archive of `kind` for `key` (any string naming everything the cluster depends on); a
 * template's names its `project` too (any string naming the project: its first migration).
 */
export function clusterEntry(root: string, kind: ClusterKind, key: string, project?: string): string {
  const hash = (value: string, length: number) =>
    createHash('sha256').update(value).digest('hex').slice(0, length)
  const owner = project === undefined ? '' : `${hash(project, 8)}-`
  return join(root, `${kind}-${owner}${hash(key, 16)}.tar`)
}

/** Whether entries can be saved in `root` (created if missing): else saving costs and gains nothing. */
export function canSaveIn(root: string): boolean {
  try {
    mkdirSync(root, { recursive: true })
    accessSync(root, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Unpacks a cached cluster into a new `dataDir` and marks it used; false when there is none.
 * `env`: tar's environment (the run's mark, so an interrupted unpack is ended with the run).
 */
export async function restoreCluster(
  entry: string,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (!existsSync(entry)) return false
  markUsed(entry)
  try {
    // A persistent data folder may exist already, empty (the archive's own '.' sets its mode). Not
    // recursive: a run folder removed meanwhile (an interrupted start) must stay removed.
    try {
      mkdirSync(dataDir, { mode: 0o700 })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    await unpack(entry, dataDir, env)
    if (existsSync(join(dataDir, 'PG_VERSION'))) return true
  } catch {
    // Unreadable or removed meanwhile: start without it.
  }
  rmSync(dataDir, { recursive: true, force: true })
  return false
}

/**
 * The databases template1 and postgres (`base/1`, `base/5`: these folder names are fixed since
 * PostgreSQL 15, and `base/1` exists in every version), about half of a cluster.
 */
const HALF = './base/[15]'

/**
 * Unpacks an archive as two halves at once, which takes 0.6× the time of one `tar` here: a start
 * has nothing else to do meanwhile, and a machine running tests has two CPUs or more. A `tar`
 * without GNU's `--wildcards` (bsdtar, busybox) fails, and the archive is unpacked in one piece.
 */
async function unpack(entry: string, dataDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const halves = await Promise.allSettled([
    run('tar', [...TAR_FLAGS, '-xf', entry, '-C', dataDir, '--wildcards', HALF], { env }),
    run('tar', [...TAR_FLAGS, '-xf', entry, '-C', dataDir, '--wildcards', `--exclude=${HALF}`], { env }),
  ])
  if (halves.every((half) => half.status === 'fulfilled')) return
  for (const name of readdirSync(dataDir)) rmSync(join(dataDir, name), { recursive: true, force: true })
  await run('tar', [...TAR_FLAGS, '-xf', entry, '-C', dataDir], { env })
}

/**
 * Archives `dataDir` (a cluster that is not running) as `entry`, then prunes the cache.
 * Concurrent runs race harmlessly; a cache folder that cannot be written only costs the speed-up.
 */
export async function saveCluster(
  entry: string,
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (existsSync(entry)) return
  const partial = `${entry}.${process.pid}.partial`
  try {
    mkdirSync(dirname(entry), { recursive: true })
    await run('tar', [...TAR_FLAGS, '-cf', partial, '-C', dataDir, '.'], { env })
    chmodSync(partial, 0o600) // a cluster's files are its owner's only
    renameSync(partial, entry)
    markUsed(entry)
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
  type Entry = { path: string; usedAt: number; project: string }
  const byKind: Record<ClusterKind, Entry[]> = { initdb: [], template: [] }
  for (const name of names) {
    const path = join(root, name)
    const usedAt = modifiedAt(path)
    if (usedAt === undefined) continue
    if (name.endsWith('.partial') || name.endsWith('.trash')) {
      if (now - usedAt > STALE_PARTIAL_MS && remove(path)) removed.push(path)
      continue
    }
    const match = ENTRY_NAME.exec(name)
    const kind = match?.[1] as ClusterKind | undefined
    if (kind) byKind[kind].push({ path, usedAt, project: match?.[2] ?? '' })
  }
  const drop = (entry: Entry) => {
    if (remove(entry.path)) removed.push(entry.path)
  }
  const recent = (entries: Entry[]) => entries.sort((a, b) => b.usedAt - a.usedAt)
  recent(byKind.initdb).forEach((entry, rank) => {
    if (rank >= CACHE_LIMITS.initdb || now - entry.usedAt > MAX_IDLE_MS) drop(entry)
  })
  // Templates: a few per project, and the projects used most recently.
  const projects = new Map<string, Entry[]>()
  for (const entry of recent(byKind.template))
    projects.set(entry.project, [...(projects.get(entry.project) ?? []), entry])
  ;[...projects.values()].forEach((entries, projectRank) => {
    entries.forEach((entry, rank) => {
      const expired =
        projectRank >= TEMPLATE_PROJECTS_LIMIT ||
        rank >= CACHE_LIMITS.template ||
        now - entry.usedAt > MAX_IDLE_MS
      if (expired) drop(entry)
    })
  })
  return removed
}

/** Its modification time says when an entry was last used (pruning reads it). */
function markUsed(entry: string): void {
  try {
    utimesSync(entry, new Date(), new Date())
  } catch {
    // A read-only cache is still a cache.
  }
}

function modifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** Renames first, so two runs pruning at once do not both remove (and count) the same entry. */
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
