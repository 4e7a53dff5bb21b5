import pg from 'pg'
import { startEmbedded } from '../packages/test-kit/src/provision/providers/embedded.ts'
import { readCacheDir } from '../packages/test-kit/src/provision/settings.ts'

for (let round = 0; round < 3; round++) {
  const t0 = performance.now()
  const server = await startEmbedded({
    runId: `conn${round}${process.pid}`,
    cacheDir: readCacheDir(process.env),
    templateKey: process.env.KEY,
  })
  const t1 = performance.now()
  const times: number[] = []
  for (const db of ['postgres', 'postgres', 'template1']) {
    const s = performance.now()
    const c = new pg.Client({ connectionString: server.adminUrl.replace(/\/postgres$/, `/${db}`) })
    await c.connect()
    await c.query('SELECT 1')
    times.push(performance.now() - s)
    await c.end()
  }
  console.log(`start ${(t1 - t0).toFixed(0)} connects ${times.map((t) => t.toFixed(1)).join(' ')}`)
  await server.stop()
}
