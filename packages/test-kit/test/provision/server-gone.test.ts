// Ctrl-C reaches the embedded PostgreSQL too (it shares the terminal's process group), and it
// ends every session while the run still holds connections: the run's admin connection, a test's
// transaction, a clone's client. None of them may crash the process with an unhandled 'error'
// event; Vitest would report it and fail this file.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaClient } from '@tenantkit/db'
import { expect, test } from 'vitest'
import { scratchDir } from '../../src/index.ts'
import { WorkerDatabases } from '../../src/isolation/worker-databases.ts'
import { isAlive } from '../../src/provision/process-table.ts'
import { startTestServer } from '../../src/provision/test-server.ts'
import { eventually } from './child-run/run-child.ts'

const MIGRATIONS = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url))

test('connections whose server is stopped under them end quietly', async () => {
  using work = scratchDir('server-gone')
  const previous = { provider: process.env.TEST_DB_PROVIDER, state: process.env.TEST_KIT_STATE_DIR }
  process.env.TEST_DB_PROVIDER = 'embedded'
  process.env.TEST_KIT_STATE_DIR = join(work.path, 'state')
  const server = await startTestServer({ migrationsDir: MIGRATIONS, log: () => {} })
  try {
    const worker = new WorkerDatabases(server.info, (adapter) => new PrismaClient({ adapter }))
    const transaction = await worker.beginTest()
    const clone = await worker.clones().take()
    expect(await transaction.db.user.count()).toBe(0)
    expect(await clone.db.user.count()).toBe(0)

    // What a terminal's Ctrl-C does to PostgreSQL: a fast shutdown that terminates every session.
    const postmaster = Number.parseInt(
      readFileSync(join(server.info.runDir, 'data', 'postmaster.pid'), 'utf8'),
      10,
    )
    process.kill(postmaster, 'SIGINT')
    expect(await eventually(() => !isAlive(postmaster), 30_000)).toBe(true)

    await expect(transaction.db.user.count()).rejects.toThrow()
    await transaction.end()
    await worker.close()
  } finally {
    await server.stop()
    for (const [name, value] of Object.entries({
      TEST_DB_PROVIDER: previous.provider,
      TEST_KIT_STATE_DIR: previous.state,
    })) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}, 60_000)
