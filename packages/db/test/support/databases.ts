// Uniquely named databases on the test kit's server, dropped when the test ends. Names start with
// the run's tk_run_<runId>_ prefix, so the kit's cleanup also sweeps what a killed run left behind.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

export type ScratchDatabase = { name: string; url: string; [Symbol.asyncDispose](): Promise<void> }

/**
 * A database name and URL on the test server. With `create: false` only the name is reserved, for
 * commands that create the database themselves; it is dropped at the end either way. With
 * `migrated: true` it is a clone of the kit's template: the committed migrations applied and
 * recorded in _prisma_migrations, as `prisma migrate deploy` leaves them, without a CLI run.
 * @example await using db = await scratchDatabase('deploy')
 */
export async function scratchDatabase(
  label: string,
  { create = true, migrated = false } = {},
): Promise<ScratchDatabase> {
  const { runId, template } = inject('tenantkit')
  const name = `tk_run_${runId}_db_${label}_${randomBytes(4).toString('hex')}`
  if (migrated) {
    await admin((client) =>
      client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`),
    )
  } else if (create) await admin((client) => client.query(`CREATE DATABASE "${name}"`))
  return {
    name,
    url: databaseUrl(name),
    [Symbol.asyncDispose]: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

/** URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(inject('tenantkit').adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs `sql` on database `name` and returns the rows. */
export async function query<T extends pg.QueryResultRow>(name: string, sql: string): Promise<T[]> {
  const client = quietClient(databaseUrl(name))
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

/** Names of the Prisma shadow databases on the server right now. */
export async function shadowDatabases(): Promise<string[]> {
  const rows = await admin((client) =>
    client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_migrate\\_shadow\\_db\\_%'`,
    ),
  )
  return rows.rows.map((row) => row.datname)
}

/**
 * Shadow databases that appeared after `before` and are still there after a grace period. Other
 * test files may create (and drop) their own meanwhile, so only those that stay count.
 */
export async function leftoverShadowDatabases(before: string[]): Promise<string[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const left = (await shadowDatabases()).filter((name) => !before.includes(name))
    if (left.length === 0 || Date.now() > deadline) return left
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = quietClient(inject('tenantkit').adminUrl)
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** A client whose connection may die (the run is interrupted) without an unhandled 'error' event. */
function quietClient(url: string): pg.Client {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  return client
}
