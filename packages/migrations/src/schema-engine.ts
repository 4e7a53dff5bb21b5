// Prisma's schema engine as Wasm, driven through adapter-pg: the same engine the CLI uses for
// `migrate`, with no native binary to download. adapter-pg was written for the query engine; the
// fixes below cover what the schema engine trips over (docs/decisions/003-wasm-schema-engine.md).
import { randomUUID } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils'
import { SchemaEngine } from '@prisma/schema-engine-wasm'
import pg from 'pg'

export type SchemaEngineOptions = {
  /**
   * The database to migrate. Without one the engine still serves what needs no database (`diff`
   * between schema files, migrations folders or empty); anything that connects fails with
   * NO_DATABASE_URL's message.
   */
  url: string | undefined
  /** [fileName, content] pairs of the Prisma schema, when the engine needs the datamodel. */
  datamodels?: [string, string][]
  /** Receives the engine's JSON log lines. */
  onLog?: (line: string) => void
  /** A database to use (and wipe) as the shadow database; by default a throwaway one is created and dropped. */
  shadowDatabaseUrl?: string
  /**
   * Receives every error PostgreSQL or the network raised, before the engine flattens it into text
   * (the engine's own error messages lose SQLSTATE codes).
   */
  onDatabaseError?: (error: Error) => void
  /** A pool to run on; the caller ends it. Without one, the engine's own pool lets the process
   *  exit once it is idle. */
  pool?: pg.Pool
}

/** What a command that needs a database says when no URL was given. */
export const NO_DATABASE_URL =
  'This command needs a database connection. Set datasource.url in prisma.config.ts (DATABASE_URL=postgresql://…). ' +
  '`migrate diff --from-empty` or `--from-schema` needs none; `--from-migrations` applies the migrations to a shadow database.'

/** Starts a Wasm schema engine connected to `url` (lazily: on its first query). Call `free()` when done. */
export async function createSchemaEngine(options: SchemaEngineOptions): Promise<SchemaEngine> {
  if (options.url) rejectNonPublicSchema(options.url)
  installWasmPanicRegistry()
  const factory = bindMigrationAwareSqlAdapterFactory(createMigrationAdapterFactory(options))
  return SchemaEngine.new(
    { datamodels: options.datamodels },
    (line: string) => options.onLog?.(line),
    factory,
  )
}

// The native engine sets the search path from `?schema=`; adapter-pg does not, so migrations would
// silently land in `public` while the CLI announces the other schema.
function rejectNonPublicSchema(url: string): void {
  let schema: string | null = null
  try {
    schema = new URL(url).searchParams.get('schema')
  } catch {
    return // an unparsable URL is reported by the connection attempt, with its own error code
  }
  if (schema && schema !== 'public') {
    throw new Error(
      `DATABASE_URL asks for schema "${schema}" (?schema=${schema}), but the Wasm schema engine only migrates the public schema. Remove ?schema= from the URL, or use a database of its own instead of a schema.`,
    )
  }
}

/** The message of the last Rust panic inside a Wasm engine, if one happened. */
export function lastWasmPanicMessage(): string | undefined {
  return panicRegistry().get() || undefined
}

type PanicRegistry = { get(): string; set_message(message: string): void }

// The engine's panic hook reports through this global; without it a panic throws a second,
// unrelated TypeError and the real reason is lost. The Prisma CLI installs the same shape.
function installWasmPanicRegistry(): void {
  const global = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }
  if (global.PRISMA_WASM_PANIC_REGISTRY) return
  let message = ''
  global.PRISMA_WASM_PANIC_REGISTRY = {
    get: () => message,
    set_message: (next: string) => {
      message = `RuntimeError: ${next}`
    },
  }
}

function panicRegistry(): PanicRegistry {
  installWasmPanicRegistry()
  return (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry })
    .PRISMA_WASM_PANIC_REGISTRY as PanicRegistry
}

const CONNECT_TIMEOUT_MS = 5_000

// The Wasm engine connects its adapter when it starts and asks the server's version, even for
// commands that never query. With no URL it gets this one: it answers that probe as a PostgreSQL
// OFFLINE_VERSION would and fails every other query with NO_DATABASE_URL, so `migrate diff`
// between schemas, migrations folders and empty works offline (its SQL is the same for every
// supported version) and a command that needs the database says what to set.
const SERVER_PROBE = 'SELECT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = $1), version()'
const OFFLINE_VERSION = 160000
const OFFLINE_SERVER: SqlResultSet = {
  columnNames: ['exists', 'version', 'numeric_version'],
  columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
  rows: [[true, 'PostgreSQL 16.0 (tenantkit offline schema engine)', OFFLINE_VERSION]],
}
function offlineAdapter(report: (error: unknown) => void): SqlDriverAdapter {
  const fail = () => noDatabase(report)
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    queryRaw: (query: SqlQuery) =>
      query.sql.startsWith(SERVER_PROBE) ? Promise.resolve(OFFLINE_SERVER) : fail(),
    executeRaw: fail,
    executeScript: fail,
    startTransaction: fail,
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: () => Promise.resolve(),
  }
}

// The engine shows an adapter's error only as "External error id#N": the error goes to
// onDatabaseError too, where the bridge finds it.
function noDatabase(report: (error: unknown) => void): Promise<never> {
  const error = new Error(NO_DATABASE_URL)
  report(error)
  return Promise.reject(error)
}

function createMigrationAdapterFactory(options: SchemaEngineOptions): SqlMigrationAwareDriverAdapterFactory {
  const report = (error: unknown) => {
    if (error instanceof Error) options.onDatabaseError?.(error)
  }
  const { url } = options
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => {
      if (options.pool) return connectAdapter(options.pool, report, false)
      return url ? connectAdapter(ownPool(url), report, true) : Promise.resolve(offlineAdapter(report))
    },
    connectToShadowDb: () => {
      if (options.shadowDatabaseUrl) return connectExistingShadowDb(options.shadowDatabaseUrl, report)
      return url ? connectThrowawayShadowDb(url, report) : noDatabase(report)
    },
  }
}

// Fix 2 and 3: adapter-pg's own connectToShadowDb spreads `{ ...config, database }`, so the
// connection string wins and the "shadow" database is the main one; it also drops the shadow
// database while its own pool still holds connections to it. Here the shadow URL names the shadow
// database, and the pool closes before `DROP DATABASE … WITH (FORCE)`. FORCE is still needed:
// pool.end() resolves before its sockets are closed, so a session may linger for a moment.
async function connectThrowawayShadowDb(
  url: string,
  report: (error: unknown) => void,
): Promise<SqlDriverAdapter> {
  const database = `prisma_migrate_shadow_db_${randomUUID()}`
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  admin.on('error', report)
  try {
    await admin.connect()
    await admin.query(`CREATE DATABASE "${database}"`)
  } catch (error) {
    report(error)
    await admin.end().catch(() => {})
    throw toDriverAdapterError(error)
  }
  const dropShadowDb = async () => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  }
  // Errors of sessions that FORCE terminates are expected; they must not pass for the failure.
  let disposing = false
  const reportUnlessDisposing = (error: unknown) => {
    if (!disposing) report(error)
  }
  let shadow: SqlDriverAdapter
  try {
    shadow = await connectAdapter(ownPool(withDatabase(url, database)), reportUnlessDisposing, true)
  } catch (error) {
    await dropShadowDb()
    throw error
  }
  return {
    ...bindMethods(shadow),
    dispose: async () => {
      disposing = true
      try {
        await shadow.dispose()
      } finally {
        await dropShadowDb()
      }
    },
  }
}

// A configured shadow database is reused, so it is emptied first, as the native engine does.
async function connectExistingShadowDb(
  url: string,
  report: (error: unknown) => void,
): Promise<SqlDriverAdapter> {
  const shadow = await connectAdapter(ownPool(url), report, true)
  await shadow.executeScript('DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";')
  return shadow
}

/** `url` with its database name replaced; every other parameter (TLS, options, host) is kept. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${encodeURIComponent(database)}`
  return parsed.toString()
}

// allowExitOnIdle: the Wasm engine's free() does not dispose its adapter, and an idle pool would
// otherwise keep the process alive for idleTimeoutMillis.
function ownPool(url: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    allowExitOnIdle: true,
  })
}

async function connectAdapter(
  pool: pg.Pool,
  report: (error: unknown) => void,
  ownsPool: boolean,
): Promise<SqlDriverAdapter> {
  pool.on('connect', (client) => patchClientQuery(client, report))
  pool.on('error', report)
  const adapter = await new PrismaPg(pool, { disposeExternalPool: ownsPool }).connect()
  const base = bindMethods(adapter)
  return {
    ...base,
    queryRaw: async (query) => withCharacterColumns(await reporting(report, () => adapter.queryRaw(query))),
    executeRaw: (query) => reporting(report, () => adapter.executeRaw(query)),
    // Fix 5: adapter-pg splits scripts on every `;`, which breaks function bodies, DO blocks and
    // string literals, and runs each piece on whichever pooled connection is free. The native
    // engine sends a migration as one simple-query batch; a query without parameters does that.
    executeScript: async (script) => {
      if (script.trim() === '') return
      await reporting(report, () => adapter.executeRaw({ sql: script, args: [], argTypes: [] }))
    },
    startTransaction: async (isolationLevel) =>
      fixTransaction(await reporting(report, () => adapter.startTransaction(isolationLevel)), report),
  }
}

function fixTransaction(tx: Transaction, report: (error: unknown) => void): Transaction {
  return {
    ...bindMethods(tx),
    options: tx.options,
    queryRaw: async (query: SqlQuery) =>
      withCharacterColumns(await reporting(report, () => tx.queryRaw(query))),
  }
}

async function reporting<T>(report: (error: unknown) => void, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    report(error)
    throw error
  }
}

// adapter-pg's adapters are class instances; copying their methods bound keeps `this` working
// in the plain objects that replace some of them.
function bindMethods<T extends object>(target: T): { [K in keyof T]: T[K] } {
  const copy: Record<string | symbol, unknown> = {}
  for (
    let proto: object | null = target;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Reflect.ownKeys(proto)) {
      if (key === 'constructor' || key in copy) continue
      const value = Reflect.get(target, key)
      copy[key] = typeof value === 'function' ? value.bind(target) : value
    }
  }
  return copy as { [K in keyof T]: T[K] }
}

// Fix 1: the schema engine reads pg_catalog columns of PostgreSQL's internal one-byte `"char"`
// type (oid 18), for which adapter-pg has no column type and throws. Such columns are relabelled
// as text on the pg result (so adapter-pg accepts them) and reported to the engine as Character.
const CHAR_OID = 18
const TEXT_OID = 25
const characterColumnsByRows = new WeakMap<object, number[]>()

function withCharacterColumns(result: SqlResultSet): SqlResultSet {
  const columns = characterColumnsByRows.get(result.rows)
  if (!columns) return result
  const columnTypes = [...result.columnTypes]
  for (const index of columns) columnTypes[index] = ColumnTypeEnum.Character
  return { ...result, columnTypes }
}

function relabelCharColumns(result: unknown): void {
  if (!isQueryResult(result)) return
  const columns: number[] = []
  result.fields.forEach((field, index) => {
    if (field.dataTypeID !== CHAR_OID) return
    field.dataTypeID = TEXT_OID
    columns.push(index)
  })
  if (columns.length > 0) characterColumnsByRows.set(result.rows, columns)
}

function isQueryResult(value: unknown): value is pg.QueryResult {
  return typeof value === 'object' && value !== null && 'fields' in value && Array.isArray(value.fields)
}

type AnyQuery = (...args: unknown[]) => unknown

// Runs after pg parsed the rows (the "char" parser is the plain string one) and before
// adapter-pg maps field types; also the one place that sees PostgreSQL's errors unflattened.
function patchClientQuery(client: pg.PoolClient, report: (error: unknown) => void): void {
  const query = client.query.bind(client) as AnyQuery
  const patched: AnyQuery = (...args) => {
    const callback = args.at(-1)
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (error) report(error)
        else relabelCharColumns(result)
        callback(error, result)
      }
      return query(...args)
    }
    const pending = query(...args)
    if (!(pending instanceof Promise)) return pending
    return pending.then(
      (result: unknown) => {
        relabelCharColumns(result)
        return result
      },
      (error: unknown) => {
        report(error)
        throw error
      },
    )
  }
  client.query = patched as typeof client.query
}

function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'N/A',
    severity: error.severity ?? 'N/A',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  })
}
