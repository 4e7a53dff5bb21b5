// The startup check: the worker refuses to run, saying why and what to do, when its database
// cannot be reached or lacks a migration of this checkout (its statement would fail or, worse,
// half-work against an older schema). Plain `pg`, so the cause is the server's or the socket's
// own words.
import pg from 'pg'

export type DatabaseErrorCode = 'TK_WORKER_DB_UNREACHABLE' | 'TK_WORKER_DB_NOT_MIGRATED'

export class WorkerDatabaseError extends Error {
  override name = 'WorkerDatabaseError'
  readonly code: DatabaseErrorCode

  constructor(code: DatabaseErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.code = code
  }
}

/** `postgresql://user@host:port/db` without the password or parameters, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    parsed.search = ''
    return parsed.toString()
  } catch {
    return '(an unparsable URL)'
  }
}

/**
 * Throws a WorkerDatabaseError unless the database at `url` answers and has applied every
 * migration in `expectedMigrations` (the folder names of prisma/migrations). Migrations beyond
 * those are fine: a newer schema is the order deploys apply migrations in.
 * @example await checkDatabase({ url: process.env.DATABASE_URL, expectedMigrations: ['20261124000000_init'] })
 */
export async function checkDatabase(options: {
  url: string
  expectedMigrations: readonly string[]
}): Promise<void> {
  const where = describeUrl(options.url)
  const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 10_000 })
  // A server that goes away after connecting emits 'error' on an idle client; the query that
  // was running rejects with the same cause, which is what gets reported.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new WorkerDatabaseError(
      'TK_WORKER_DB_UNREACHABLE',
      `Cannot reach the database at ${where} (DATABASE_URL): ${causeOf(error)}. Start PostgreSQL or fix DATABASE_URL.`,
      { cause: error },
    )
  }
  let applied: Set<string>
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    applied = new Set(rows.map((row) => row.migration_name))
  } catch (error) {
    // undefined_table: nothing was ever migrated here.
    if ((error as { code?: string }).code !== '42P01') throw error
    applied = new Set()
  } finally {
    await client.end().catch(() => undefined)
  }
  const missing = options.expectedMigrations.filter((name) => !applied.has(name))
  if (missing.length === 0) return
  const what =
    applied.size === 0
      ? 'is not migrated (no migration applied)'
      : `lacks ${missing.length} migration${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`
  throw new WorkerDatabaseError(
    'TK_WORKER_DB_NOT_MIGRATED',
    `The database at ${where} ${what}. Run \`pnpm db:migrate\` with DATABASE_URL set to it, then start the worker again.`,
  )
}

/** "connect ECONNREFUSED 127.0.0.1:1", 'database "x" does not exist', … (AggregateErrors unwrapped). */
function causeOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors[0]) return causeOf(error.errors[0])
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name
  return String(error)
}
