// What one test file needs from the server: its worker database (transaction mode), the
// connections into it, one PrismaClient reused by every test of the file, and a clone pool
// (database mode), all created lazily and closed when the file ends.
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type pg from 'pg'
import { cloneDatabase } from '../provision/clone-database.ts'
import type { TestServerInfo } from '../provision/context.ts'
import { databaseUrl, quoteIdent, runDatabasePrefix } from '../provision/database-names.ts'
import { createPgClient, createPgPool } from '../provision/pg-clients.ts'
import { type KitSettings, readSettings, vitestWorker } from '../provision/settings.ts'
import { appRoleError } from './app-role.ts'
import { ClonePool } from './clone-pool.ts'
import type { ClientFactory, DatabaseBinding, KitClient } from './kit-client.ts'
import { Mutex } from './mutex.ts'
import { markKitAdapter, routedAdapter } from './routed-adapter.ts'
import { createSavepointAdapterFactory, STATEMENT, type TestConnection } from './savepoint-adapter.ts'

export class WorkerDatabases<C extends KitClient = KitClient> {
  readonly server: TestServerInfo
  readonly settings: KitSettings
  readonly #poolId: string
  #pool: Promise<pg.Pool> | undefined
  readonly #createClient: ClientFactory<C>
  readonly #role: string | undefined
  #prisma: C | undefined
  #routed: C | undefined
  #clones: ClonePool<C> | undefined
  #current: TestConnection | undefined

  constructor(
    server: TestServerInfo,
    binding: ClientFactory<C> | DatabaseBinding<C>,
    settings: KitSettings = readSettings(),
  ) {
    this.server = server
    this.settings = settings
    const { client, role } = typeof binding === 'function' ? { client: binding, role: undefined } : binding
    this.#createClient = client
    this.#role = role
    const { poolId, workerId } = vitestWorker()
    this.#poolId = poolId ?? workerId ?? String(process.pid)
  }

  /**
   * Transaction mode: opens the outer transaction on a dedicated connection and returns a
   * PrismaClient bound to it — the file's own, or, while another test holds that one
   * (`test.concurrent`), a client of the test's own. Call the returned `end` after the test.
   */
  async beginTest(): Promise<{ db: C; adapter: SqlDriverAdapterFactory; end: () => Promise<void> }> {
    const pool = await this.#workerPool()
    const client = await pool.connect()
    // The first statement's savepoint opens with the transaction (after SET LOCAL ROLE, which a
    // failed statement's ROLLBACK TO must not undo).
    const connection: TestConnection = { client, lock: new Mutex(), depth: 0 }
    if (this.#role === undefined) {
      await client.query(`BEGIN; SAVEPOINT ${STATEMENT}`)
      connection.statementSavepoint = 'fresh'
    } else {
      await client.query('BEGIN')
      await setLocalRole(client, this.#role)
    }
    let ended = false
    // The test's own adapter: a client of its own under test.concurrent, and the route of clients
    // that outlive the test (the app's module-level client).
    const adapter = markKitAdapter(createSavepointAdapterFactory(() => (ended ? undefined : connection)))
    let db: C
    let own = false
    if (this.#current === undefined) {
      this.#current = connection
      this.#prisma ??= this.#createClient(markKitAdapter(createSavepointAdapterFactory(() => this.#current)))
      db = this.#prisma
    } else {
      db = this.#createClient(adapter)
      own = true
    }
    const end = async () => {
      ended = true
      if (this.#current === connection) this.#current = undefined
      if (own) await db.$disconnect().catch(() => undefined)
      try {
        await client.query('ROLLBACK')
        client.release()
      } catch (error) {
        client.release(error instanceof Error ? error : true)
      }
    }
    return { db, adapter, end }
  }

  /**
   * Database mode's client: one per worker on the routed adapter, so its compiled query plans
   * survive from test to test while each test's queries go to that test's own clone.
   */
  routedClient(): C {
    this.#routed ??= this.#createClient(routedAdapter())
    return this.#routed
  }

  /** Database mode: a database of the test's own, cloned from the template. */
  clones(): ClonePool<C> {
    this.#clones ??= new ClonePool({
      createClient: this.#createClient,
      role: this.#role,
      adminUrl: this.server.adminUrl,
      template: this.server.template,
      prefix: `${runDatabasePrefix(this.server.runId)}w${this.#poolId}_${process.pid}_`,
    })
    return this.#clones
  }

  async close(): Promise<void> {
    await this.#prisma?.$disconnect()
    await this.#routed?.$disconnect()
    await this.#clones?.close()
    if (this.#pool) await (await this.#pool).end()
  }

  #workerPool(): Promise<pg.Pool> {
    this.#pool ??= (async () => {
      // One database per worker and template, reused by the worker's files one after another
      // (every test rolls back, so it stays equal to the template).
      const name = `${runDatabasePrefix(this.server.runId)}w${this.#poolId}_${this.server.template.slice(-12)}`
      await createDatabaseIfMissing(this.server.adminUrl, name, this.server.template)
      return createPgPool({ connectionString: databaseUrl(this.server.adminUrl, name), max: 4 })
    })()
    return this.#pool
  }
}

async function createDatabaseIfMissing(adminUrl: string, name: string, template: string): Promise<void> {
  const admin = createPgClient({ connectionString: adminUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount) return
    await cloneDatabase(admin, name, template)
  } catch (error) {
    // duplicate_database: a previous file of this worker created it in the meantime.
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await admin.end()
  }
}

/** The test's transaction runs as the app's role; the kit's ROLLBACK ends it with the transaction. */
async function setLocalRole(client: pg.PoolClient, role: string): Promise<void> {
  try {
    await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`)
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release()
    throw appRoleError(role, error)
  }
}
