import pg from 'pg'
import { expect, inject, test } from 'vitest'

test('the run gets a migrated template', async () => {
  const info = inject('tenantkit')
  const client = new pg.Client({ connectionString: info.adminUrl })
  await client.connect()
  const { rows } = await client.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [
    info.template,
  ])
  await client.end()
  expect(rows).toEqual([{ datistemplate: true }])
})
