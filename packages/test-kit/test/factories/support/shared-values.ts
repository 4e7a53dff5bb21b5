// One table per run, shared by test files running in parallel workers, with a primary key on
// the values they generate: a value two workers both made fails the second insert.
import { inject } from 'vitest'
import { databaseUrl, quoteIdent, runDatabasePrefix } from '../../../src/provision/database-names.ts'
import { createPgClient } from '../../../src/provision/pg-clients.ts'

const IGNORABLE_RACE = new Set(['42P04', '42P07', '23505']) // duplicate database / table, catalog race

async function ignoringRace(run: () => Promise<unknown>): Promise<void> {
  await run().catch((error: { code?: string }) => {
    if (!IGNORABLE_RACE.has(error.code ?? '')) throw error
  })
}

/** Inserts `values` of `kind`; rejects if any was inserted before, by this or another worker. */
export async function recordUnique(kind: string, values: readonly string[], origin: string): Promise<void> {
  const { adminUrl, runId } = inject('tenantkit')
  const name = `${runDatabasePrefix(runId)}factories_unique`
  const admin = createPgClient({ connectionString: adminUrl })
  await admin.connect()
  await ignoringRace(() => admin.query(`CREATE DATABASE ${quoteIdent(name)}`)).finally(() => admin.end())
  const client = createPgClient({ connectionString: databaseUrl(adminUrl, name) })
  await client.connect()
  try {
    await ignoringRace(() =>
      client.query(
        'CREATE TABLE IF NOT EXISTS generated (kind text, value text, origin text, PRIMARY KEY (kind, value))',
      ),
    )
    await client.query('INSERT INTO generated (kind, value, origin) SELECT $1, unnest($2::text[]), $3', [
      kind,
      values,
      origin,
    ])
  } finally {
    await client.end()
  }
}
