// Database mode: fresh databases cloned from the template, each with a connected PrismaClient, a
// few prepared ahead in the background (the IntegreSQL idea), so a test waits only when the pool
// is empty. Used ones are dropped in the background too. Nothing that fails in the background is
// lost: a failed clone fails the test that takes it, a failed drop is reported (the run's cleanup
// drops the database later, as it starts with the run's prefix).
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type pg from 'pg'
import { CloneFailedError, DatabaseOutsideTestError } from '../errors.ts'
import { cloneDatabase } from '../provision/clone-database.ts'
import { databaseUrl, KEPT_PREFIX, quoteIdent, RUN_PREFIX } from '../provision/database-names.ts'
import { createPgClient } from '../provision/pg-clients.ts'
import { appRoleError, roleStartupOption } from './app-role.ts'
import type { ClientFactory, KitClient } from './kit-client.ts'
import { Mutex } from './mutex.ts'
import { markKitAdapter } from './routed-adapter.ts'

/**
 * A test's own database: its adapter, already connected (its first query is warm), which the kit's
 * routed client sends the test's queries to; and, made on first use, a client of its own on it.
 */
export type Clone<C extends KitClient = KitClient> = {
  name: string
  url: string
  /** The clone's adapter; `connect()` gives the connection made ahead. */
  adapter: SqlDriverAdapterFactory
  /** A client of the clone's own (made when first read), for code that needs one. */
  readonly db: C
}

export type ClonePoolOptions<C extends KitClient = KitClient> = {
  /** Builds the schema's client on a driver adapter. */
  createClient: ClientFactory<C>
  /** The role the clone's connections take (createKit's `role`). */
  role?: string | undefined
  adminUrl: string
  template: string
  /** Every clone's name starts with this (the run's prefix, so the run's cleanup finds them). */
  prefix: string
  /** How many clones to keep ready. */
  size?: number
  /** Reports what failed in the background without failing a test (a drop). Default: console.warn. */
  warn?: (message: string) => void
}

export class ClonePool<C extends KitClient = KitClient> {
  readonly #options: Required<Omit<ClonePoolOptions<C>, 'role'>> & Pick<ClonePoolOptions<C>, 'role'>
  readonly #ready: Promise<Clone<C>>[] = []
  readonly #pending = new Set<Promise<unknown>>()
  /** One admin connection runs one statement at a time (pg 9 will refuse overlapping queries). */
  readonly #adminLock = new Mutex()
  #admin: Promise<pg.Client> | undefined
  #counter = 0
  #closed = false

  constructor(options: ClonePoolOptions<C>) {
    this.#options = { size: 2, warn: (message) => console.warn(message), ...options }
  }

  /**
   * A fresh clone for one test; refills the pool behind it. A clone that failed in the background
   * rejects here, with a CloneFailedError whose cause is PostgreSQL's error.
   */
  async take(): Promise<Clone<C>> {
    if (this.#closed) {
      throw new DatabaseOutsideTestError(
        "A database-mode test database was asked for after its file's databases were closed (in an afterAll, or after the file ended). Use the `db` fixture inside a test or a beforeEach.",
      )
    }
    this.#fill()
    const next = this.#ready.shift() ?? this.#create()
    this.#fill()
    return next
  }

  /** Disconnects a used clone's client and drops the clone, in the background. */
  discard(clone: Clone<C>): void {
    // DROP … WITH (FORCE) ends the client's connections anyway: a failed disconnect changes nothing.
    this.#track(release(clone).then(() => this.#drop(clone.name)))
  }

  /**
   * Keeps a failed test's clone for forensics: renamed out of the run's prefix (to `tk_kept_…`) so
   * the run's cleanup leaves it. Returns its URL.
   */
  async keep(clone: Clone<C>): Promise<string> {
    await release(clone)
    const kept = `${KEPT_PREFIX}${clone.name.slice(RUN_PREFIX.length)}`.slice(0, 63)
    await this.#adminQuery(`ALTER DATABASE ${quoteIdent(clone.name)} RENAME TO ${quoteIdent(kept)}`)
    return databaseUrl(this.#options.adminUrl, kept)
  }

  async close(): Promise<void> {
    this.#closed = true
    // A clone prepared for a test that never came: drop it; if it failed, say so (no test will).
    for (const clone of this.#ready.splice(0)) {
      this.#track(
        clone.then(
          (c) => this.discard(c),
          (error: unknown) => this.#options.warn(`[tenantkit] ${(error as Error).message}`),
        ),
      )
    }
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
    await this.#admin?.then((admin) => admin.end()).catch(() => undefined)
  }

  #fill(): void {
    while (!this.#closed && this.#ready.length < this.#options.size) this.#ready.push(this.#create())
  }

  #create(): Promise<Clone<C>> {
    const name = `${this.#options.prefix}c${++this.#counter}`
    const clone = (async () => {
      const url = databaseUrl(this.#options.adminUrl, name)
      let connected: SqlDriverAdapter | undefined
      try {
        const admin = await this.#admin$()
        await this.#adminLock.run(() => cloneDatabase(admin, name, this.#options.template))
        const { role } = this.#options
        const connection = {
          connectionString: url,
          ...(role !== undefined && { options: roleStartupOption(role) }),
        }
        connected = await new PrismaPg(connection).connect()
        try {
          await connected.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] })
        } catch (error) {
          throw role === undefined ? error : appRoleError(role, error)
        }
        const ready = connected
        const { createClient } = this.#options
        let own: C | undefined
        const clone: Clone<C> & { [OWN]?: () => C | undefined } = {
          name,
          url,
          adapter: markKitAdapter({
            provider: 'postgres',
            adapterName: ready.adapterName,
            connect: async () => ready,
          }),
          get db() {
            own ??= createClient(markKitAdapter(new PrismaPg(connection)))
            return own
          },
          [OWN]: () => own,
        }
        return clone
      } catch (error) {
        await connected?.dispose().catch(() => undefined)
        const reason = error instanceof Error ? error.message : String(error)
        throw new CloneFailedError(
          `Could not prepare database ${name} from template ${this.#options.template} for a database-mode test: ${reason}. Fix that cause (a full disk under TEST_KIT_STATE_DIR, a server out of connections, a role of TEST_DATABASE_URL without CREATEDB), or use the default isolation ("transaction").`,
          { cause: error },
        )
      }
    })()
    this.#track(clone)
    return clone
  }

  /** Drops a used clone; a failure is reported once, naming the database the run's cleanup will drop. */
  async #drop(name: string): Promise<void> {
    try {
      await this.#adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      this.#options.warn(
        `[tenantkit] could not drop database ${name} (${reason}); it stays until this run's cleanup drops it when the run ends.`,
      )
    }
  }

  async #adminQuery(sql: string): Promise<void> {
    const admin = await this.#admin$()
    await this.#adminLock.run(() => admin.query(sql))
  }

  #admin$(): Promise<pg.Client> {
    if (this.#admin) return this.#admin
    const admin: Promise<pg.Client> = (async () => {
      const client = createPgClient({ connectionString: this.#options.adminUrl })
      // A lost admin connection fails the statements in flight; the next one reconnects.
      client.on('error', () => {
        if (this.#admin === admin) this.#admin = undefined
      })
      await client.connect()
      return client
    })()
    this.#admin = admin
    admin.catch(() => {
      if (this.#admin === admin) this.#admin = undefined
    })
    return admin
  }

  #track(promise: Promise<unknown>): void {
    const settled = promise.catch(() => undefined).finally(() => this.#pending.delete(settled))
    this.#pending.add(settled)
  }
}

const OWN = Symbol('tenantkit.clone.own')

/** Closes a clone's connections: its adapter's, and its own client's if one was made. */
async function release(clone: Clone<KitClient> & { [OWN]?: () => KitClient | undefined }): Promise<void> {
  await (await clone.adapter.connect()).dispose().catch(() => undefined)
  await clone[OWN]?.()
    ?.$disconnect()
    .catch(() => undefined)
}
