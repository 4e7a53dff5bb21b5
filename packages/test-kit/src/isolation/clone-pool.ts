// Database mode: fresh databases cloned from the template, each with a connected PrismaClient, a
// few prepared ahead in the background (the IntegreSQL idea), so a test waits only when the pool
// is empty. Used ones are dropped in the background too.
import { PrismaPg } from '@prisma/adapter-pg'
import type pg from 'pg'
import { cloneDatabase } from '../provision/clone-database.ts'
import { databaseUrl, KEPT_PREFIX, quoteIdent, RUN_PREFIX } from '../provision/database-names.ts'
import { createPgClient } from '../provision/pg-clients.ts'
import type { ClientFactory, KitClient } from './kit-client.ts'
import { Mutex } from './mutex.ts'

/** A test's own database and a client already connected to it (its first query is warm). */
export type Clone<C extends KitClient = KitClient> = { name: string; url: string; db: C }

export type ClonePoolOptions<C extends KitClient = KitClient> = {
  /** Builds the schema's client on a driver adapter. */
  createClient: ClientFactory<C>
  adminUrl: string
  template: string
  /** Every clone's name starts with this (the run's prefix, so the run's cleanup finds them). */
  prefix: string
  /** How many clones to keep ready. */
  size?: number
}

export class ClonePool<C extends KitClient = KitClient> {
  readonly #options: Required<ClonePoolOptions<C>>
  readonly #ready: Promise<Clone<C>>[] = []
  readonly #pending = new Set<Promise<unknown>>()
  /** One admin connection runs one statement at a time (pg 9 will refuse overlapping queries). */
  readonly #adminLock = new Mutex()
  #admin: Promise<pg.Client> | undefined
  #counter = 0
  #closed = false

  constructor(options: ClonePoolOptions<C>) {
    this.#options = { size: 2, ...options }
  }

  /** A fresh clone for one test; refills the pool behind it. */
  async take(): Promise<Clone<C>> {
    if (this.#closed) throw new Error('The clone pool is closed.')
    this.#fill()
    const next = this.#ready.shift() ?? this.#create()
    this.#fill()
    return next
  }

  /** Disconnects a used clone's client and drops the clone, in the background. */
  discard(clone: Clone<C>): void {
    this.#track(
      clone.db
        .$disconnect()
        .then(() => this.#adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(clone.name)} WITH (FORCE)`)),
    )
  }

  /**
   * Keeps a failed test's clone for forensics: renamed out of the run's prefix (to `tk_kept_…`) so
   * the run's cleanup leaves it. Returns its URL.
   */
  async keep(clone: Clone<C>): Promise<string> {
    await clone.db.$disconnect()
    const kept = `${KEPT_PREFIX}${clone.name.slice(RUN_PREFIX.length)}`.slice(0, 63)
    await this.#adminQuery(`ALTER DATABASE ${quoteIdent(clone.name)} RENAME TO ${quoteIdent(kept)}`)
    return databaseUrl(this.#options.adminUrl, kept)
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const clone of this.#ready.splice(0)) this.#track(clone.then((c) => this.discard(c)))
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
    if (this.#admin) await (await this.#admin).end().catch(() => undefined)
  }

  #fill(): void {
    while (!this.#closed && this.#ready.length < this.#options.size) this.#ready.push(this.#create())
  }

  #create(): Promise<Clone<C>> {
    const name = `${this.#options.prefix}c${++this.#counter}`
    const clone = (async () => {
      const admin = await this.#admin$()
      await this.#adminLock.run(() => cloneDatabase(admin, name, this.#options.template))
      const url = databaseUrl(this.#options.adminUrl, name)
      const db = this.#options.createClient(new PrismaPg({ connectionString: url }))
      await db.$queryRawUnsafe('SELECT 1')
      return { name, url, db }
    })()
    this.#track(clone)
    return clone
  }

  async #adminQuery(sql: string): Promise<void> {
    const admin = await this.#admin$()
    await this.#adminLock.run(() => admin.query(sql))
  }

  #admin$(): Promise<pg.Client> {
    this.#admin ??= (async () => {
      const client = createPgClient({ connectionString: this.#options.adminUrl })
      await client.connect()
      return client
    })()
    return this.#admin
  }

  #track(promise: Promise<unknown>): void {
    const settled = promise.catch(() => undefined).finally(() => this.#pending.delete(settled))
    this.#pending.add(settled)
  }
}
