// Database mode: fresh databases cloned from the template, a few prepared ahead in the background
// (the IntegreSQL idea), so a test waits only when the pool is empty. Used ones are dropped in
// the background too.
import pg from 'pg'
import { cloneDatabase } from '../provision/clone-database.ts'
import { databaseUrl, quoteIdent } from '../provision/database-names.ts'

export type Clone = { name: string; url: string }

export type ClonePoolOptions = {
  adminUrl: string
  template: string
  /** Every clone's name starts with this (the run's prefix, so the run's cleanup finds them). */
  prefix: string
  /** How many clones to keep ready. */
  size?: number
}

export class ClonePool {
  readonly #options: Required<ClonePoolOptions>
  readonly #ready: Promise<Clone>[] = []
  readonly #pending = new Set<Promise<unknown>>()
  #admin: Promise<pg.Client> | undefined
  #counter = 0
  #closed = false

  constructor(options: ClonePoolOptions) {
    this.#options = { size: 2, ...options }
  }

  /** A fresh clone for one test; refills the pool behind it. */
  async take(): Promise<Clone> {
    if (this.#closed) throw new Error('The clone pool is closed.')
    this.#fill()
    const next = this.#ready.shift() ?? this.#create()
    this.#fill()
    return next
  }

  /** Drops a used clone in the background. */
  discard(clone: Clone): void {
    this.#track(
      this.#admin$().then((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(clone.name)} WITH (FORCE)`),
      ),
    )
  }

  async close(): Promise<void> {
    this.#closed = true
    const ready = this.#ready.splice(0)
    for (const clone of ready) this.#track(clone.then((c) => this.discard(c)))
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
    if (this.#admin) await (await this.#admin).end().catch(() => undefined)
  }

  #fill(): void {
    while (!this.#closed && this.#ready.length < this.#options.size) this.#ready.push(this.#create())
  }

  #create(): Promise<Clone> {
    const name = `${this.#options.prefix}c${++this.#counter}`
    const clone = this.#admin$().then(async (admin) => {
      await cloneDatabase(admin, name, this.#options.template)
      return { name, url: databaseUrl(this.#options.adminUrl, name) }
    })
    this.#track(clone)
    return clone
  }

  #admin$(): Promise<pg.Client> {
    this.#admin ??= (async () => {
      const client = new pg.Client({ connectionString: this.#options.adminUrl })
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
