// A database of the test's own (cloned from the template) whose client records every SQL
// statement that reaches PostgreSQL: counted at the pg connection, below Prisma and its adapter,
// so BEGIN/COMMIT and statements Prisma splits off are counted too.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@tenantkit/db'
import { inject } from 'vitest'
import { cloneDatabase } from '../../../src/provision/clone-database.ts'
import { databaseUrl, quoteIdent, runDatabasePrefix } from '../../../src/provision/database-names.ts'
import { createPgClient, createPgPool } from '../../../src/provision/pg-clients.ts'

export type CountingDatabase = {
  db: PrismaClient
  url: string
  /** Every statement sent since the last `reset()`, as SQL text. */
  readonly statements: string[]
  reset(): void
  [Symbol.asyncDispose](): Promise<void>
}

let counter = 0

export async function openCountingDatabase(): Promise<CountingDatabase> {
  const { adminUrl, template, runId } = inject('tenantkit')
  const name = `${runDatabasePrefix(runId)}fq_${process.pid}_${++counter}`
  const admin = createPgClient({ connectionString: adminUrl })
  await admin.connect()
  await cloneDatabase(admin, name, template)
  const url = databaseUrl(adminUrl, name)
  const statements: string[] = []
  // An idle connection that dies (the database is dropped at the end) must not become an
  // unhandled 'error' event: the kit's pool listens.
  const pool = createPgPool({ connectionString: url, max: 4 })
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      const [first] = args
      statements.push(typeof first === 'string' ? first : String((first as { text?: string }).text))
      return query(...args)
    }) as typeof client.query
  })
  const db = new PrismaClient({ adapter: new PrismaPg(pool) })
  return {
    db,
    url,
    statements,
    reset: () => {
      statements.length = 0
    },
    async [Symbol.asyncDispose]() {
      await db.$disconnect()
      await pool.end()
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      await admin.end()
    },
  }
}

/**
 * `INSERT INTO "public"."users" …` → `INSERT users`; a graph sent as one statement of INSERT
 * CTEs → `INSERT users + memberships` (one per CTE); BEGIN/COMMIT as they are.
 */
export function summarize(statements: readonly string[]): string[] {
  return statements.map((sql) => {
    const tables = [...sql.matchAll(/INSERT INTO\s+(?:"public"\.)?"?([a-z_]+)"?/gi)].map((m) => m[1])
    if (/^\s*WITH\b/i.test(sql) && tables.length > 0) return `INSERT ${tables.join(' + ')}`
    if (/^\s*INSERT\b/i.test(sql)) return `INSERT ${tables[0]}`
    return sql.trim().split(/\s+/).slice(0, 2).join(' ')
  })
}
