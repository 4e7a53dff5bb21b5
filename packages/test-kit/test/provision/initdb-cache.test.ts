// The embedded provider keeps one pristine initdb'd cluster and copies it on later starts.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { expect, test } from 'vitest'
import { startEmbedded } from '../../src/provision/providers/embedded.ts'
import { readSettings } from '../../src/provision/settings.ts'

test('the first start saves the initdb cluster, the next starts from a copy of it', async () => {
  const work = mkdtempSync(join(tmpdir(), 'tk-initdb-'))
  chmodSync(work, 0o755)
  // What TEST_KIT_CACHE_DIR=<folder> gives the provider.
  const { cacheDir } = readSettings({ TEST_KIT_CACHE_DIR: join(work, 'cache') })
  try {
    for (const round of [1, 2]) {
      const server = await startEmbedded({
        runId: `cache${round}${process.pid}`,
        stateDir: join(work, 'state'),
        cacheDir,
      })
      const client = new pg.Client({ connectionString: server.adminUrl })
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
    rmSync(work, { recursive: true, force: true })
  }
}, 30_000)
