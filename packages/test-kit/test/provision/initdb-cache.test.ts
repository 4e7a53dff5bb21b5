// The embedded provider keeps one pristine initdb'd cluster and copies it on later starts.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { scratchDir } from '../../src/index.ts'
import { createPgClient } from '../../src/provision/pg-clients.ts'
import { startEmbedded } from '../../src/provision/providers/embedded.ts'

test('the first start saves the initdb cluster, the next starts from a copy of it', async () => {
  using scratch = scratchDir('initdb')
  const work = scratch.path
  const previous = process.env.TEST_KIT_CACHE_DIR
  process.env.TEST_KIT_CACHE_DIR = join(work, 'cache')
  try {
    for (const round of [1, 2]) {
      const server = await startEmbedded({
        runId: `cache${round}${process.pid}`,
        stateDir: join(work, 'state'),
      })
      const client = createPgClient({ connectionString: server.adminUrl })
      await client.connect()
      const { rows } = await client.query<{ one: number }>('SELECT 1 AS one')
      await client.end()
      await server.stop()
      expect(rows).toEqual([{ one: 1 }])
      const cached = readdirSync(join(work, 'cache'))
      expect(cached).toEqual([expect.stringMatching(/^initdb-[0-9a-f]{16}$/)])
      expect(existsSync(join(work, 'cache', cached[0] ?? '', 'postmaster.pid'))).toBe(false)
    }
    expect(readdirSync(join(work, 'state'))).toEqual([])
  } finally {
    if (previous === undefined) delete process.env.TEST_KIT_CACHE_DIR
    else process.env.TEST_KIT_CACHE_DIR = previous
  }
}, 30_000)
