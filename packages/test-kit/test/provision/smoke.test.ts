import { expect, inject, test } from 'vitest'
import { createPgClient } from '../../src/provision/pg-clients.ts'

test('the run gets a migrated template', async () => {
  const info = inject('tenantkit')
  const client = createPgClient({ connectionString: info.adminUrl })
  await client.connect()
  const { rows } = await client.query('SELECT datistemplate FROM pg_database WHERE datname = $1', [
    info.template,
  ])
  await client.end()
  expect(rows).toEqual([{ datistemplate: true }])
})
