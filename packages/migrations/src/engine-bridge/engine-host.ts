// Serves the Prisma CLI's JSON-RPC methods with one Wasm schema engine: each method goes to the
// engine method of the same name and params, except the few the Wasm engine lacks or answers
// differently (diff prints through the CLI, createDatabase needs a second connection).
import { readFileSync } from 'node:fs'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import { createSchemaEngine, lastWasmPanicMessage, NO_DATABASE_URL } from '../schema-engine.ts'
import type { Datasource } from './args.ts'
import { checkConnection, createDatabase } from './database-admin.ts'
import type { RpcError, RpcOutcome, RpcPeer } from './json-rpc.ts'
import {
  applyMigrationError,
  codeOfMessage,
  connectionError,
  invalidUrlError,
  isPgError,
  type KnownError,
  migrationDoesNotApplyCleanly,
  migrationNamesInSpanTrace,
  migrationScript,
  shadowDbCreationError,
  splitEngineError,
  UserFacingError,
} from './user-facing-errors.ts'

type Params = Record<string, unknown>
// Params go to the engine exactly as the CLI sent them: the engine deserializes them inside its
// async code, where a mismatch (even `{}` for "no params") is an uncaught exception, not a rejection.
type EngineMethod = (engine: SchemaEngine, params: unknown) => Promise<unknown>

// Param shapes are the CLI's and the engine's alike (both generated from the engine's Rust types).
const PASS_THROUGH: Record<string, EngineMethod> = {
  applyMigrations: (engine, params) => engine.applyMigrations(params as never),
  createMigration: (engine, params) => engine.createMigration(params as never),
  devDiagnostic: (engine, params) => engine.devDiagnostic(params as never),
  diagnoseMigrationHistory: (engine, params) => engine.diagnoseMigrationHistory(params as never),
  evaluateDataLoss: (engine, params) => engine.evaluateDataLoss(params as never),
  introspect: (engine, params) => engine.introspect(params as never),
  introspectSql: (engine, params) => engine.introspectSql(params as never),
  markMigrationApplied: (engine, params) => engine.markMigrationApplied(params as never),
  markMigrationRolledBack: (engine, params) => engine.markMigrationRolledBack(params as never),
  reset: (engine, params) => engine.reset(params as never),
  schemaPush: (engine, params) => engine.schemaPush(params as never),
  version: (engine, params) => engine.version(params as never),
  getDatabaseVersion: (engine, params) => engine.version(params as never),
  debugPanic: async (engine) => engine.debugPanic(),
}

/** The JSON-RPC error code the native engine uses for every engine error. */
const ENGINE_ERROR = 4466

export type EngineHostOptions = {
  datasource: Datasource | undefined
  /** Paths of the Prisma schema files (`--datamodels`). */
  datamodels: string[]
  /** Receives the engine's JSON log lines, for stderr. */
  log: (line: string) => void
}

export class EngineHost {
  readonly #options: EngineHostOptions
  #engine: Promise<SchemaEngine> | undefined
  #peer: RpcPeer | undefined
  #databaseErrors: Error[] = []
  #poisoned = false

  constructor(options: EngineHostOptions) {
    this.#options = options
  }

  /** True once the engine panicked; like the native binary, the bridge should then exit 101. */
  get poisoned(): boolean {
    return this.#poisoned
  }

  async handle(method: string, rawParams: unknown, peer: RpcPeer): Promise<RpcOutcome> {
    const params = (rawParams ?? {}) as Params
    this.#peer = peer
    this.#databaseErrors = []
    try {
      if (this.#poisoned) throw new Error('The schema engine panicked on an earlier request; restart it.')
      const result = await this.#dispatch(method, params, rawParams, peer)
      return { result: result ?? {} }
    } catch (error) {
      return { error: this.#toRpcError(method, params, error) }
    } finally {
      this.#peer = undefined
    }
  }

  async close(): Promise<void> {
    const engine = this.#engine
    this.#engine = undefined
    if (engine && !this.#poisoned) (await engine.catch(() => undefined))?.free()
  }

  async #dispatch(method: string, params: Params, rawParams: unknown, peer: RpcPeer): Promise<unknown> {
    switch (method) {
      case 'diff': {
        // The native engine prints the diff through the CLI and returns only the exit code; the
        // Wasm engine returns the text instead. Without this, `migrate diff` prints nothing.
        const { exitCode, stdout } = await (await this.#engineFor()).diff(params as never)
        if (stdout != null) await peer.request('print', { content: stdout })
        return { exitCode }
      }
      case 'evaluateDataLoss':
      case 'createMigration':
        return this.#withMigrationsSchema(method, params)
      case 'createDatabase':
        return { databaseName: await createDatabase(this.#urlOf(params.datasource)) }
      case 'ensureConnectionValidity': {
        const url = this.#urlOf(params.datasource)
        if (url !== this.#options.datasource?.url) return await checkConnection(url)
        return await (await this.#engineFor()).ensureConnectionValidity(params as never)
      }
      case 'dbExecute': {
        const target = params.datasourceType as { tag?: string; url?: string } | undefined
        if (target?.tag === 'url' && target.url && target.url !== this.#options.datasource?.url) {
          const engine = await this.#startEngine(target.url)
          try {
            return await engine.dbExecute(params as never)
          } finally {
            engine.free()
          }
        }
        return await (await this.#engineFor()).dbExecute(params as never)
      }
    }
    const call = PASS_THROUGH[method]
    if (!call) throw new MethodNotFound(method)
    return call(await this.#engineFor(), rawParams ?? undefined)
  }

  // The Wasm engine gives evaluateDataLoss and createMigration its cache of schemas built from
  // migration lists, but not the adapter factory: on a cache miss they fail with "shadow DB must
  // be provided through an external factory". diagnoseMigrationHistory has the factory and caches
  // the schema of the applied migrations, which `migrate dev` has just brought up to date.
  async #withMigrationsSchema(
    method: 'evaluateDataLoss' | 'createMigration',
    params: Params,
  ): Promise<unknown> {
    const engine = await this.#engineFor()
    const run = () => (PASS_THROUGH[method] as EngineMethod)(engine, params)
    try {
      return await run()
    } catch (error) {
      if (!needsShadowFactory(error)) throw error
    }
    await engine.diagnoseMigrationHistory({
      migrationsList: params.migrationsList as never,
      optInToShadowDatabase: true,
      filters: params.filters as never,
    })
    try {
      return await run()
    } catch (error) {
      if (!needsShadowFactory(error)) throw error
      throw new Error(
        `The Wasm schema engine can run ${method} only when every migration in the migrations folder is applied to the database. Apply them first (npx tenantkit-prisma migrate deploy), then run the command again.`,
      )
    }
  }

  #urlOf(datasource: unknown): string {
    const param = datasource as { tag?: string; url?: string } | undefined
    if (param?.tag === 'ConnectionString' && param.url) return param.url
    return this.#requireUrl()
  }

  #requireUrl(): string {
    const url = this.#optionalUrl()
    if (!url) throw new Error(NO_DATABASE_URL)
    return url
  }

  #optionalUrl(): string | undefined {
    const url = this.#options.datasource?.url || undefined
    const invalid = url && invalidUrlError(url)
    if (invalid) throw new UserFacingError(invalid)
    return url
  }

  // Without a URL the engine still starts: `migrate diff` between schemas, migrations folders and
  // empty needs no database, and whatever connects fails with NO_DATABASE_URL.
  #engineFor(): Promise<SchemaEngine> {
    if (!this.#engine) {
      const url = this.#optionalUrl()
      this.#engine = this.#startEngine(url, this.#options.datasource?.shadowDatabaseUrl)
      // A failed start (server down) is reported to this request; the next one tries again.
      this.#engine.catch(() => {
        this.#engine = undefined
      })
    }
    return this.#engine
  }

  #startEngine(url: string | undefined, shadowDatabaseUrl?: string): Promise<SchemaEngine> {
    const datamodels = this.#options.datamodels.map((path): [string, string] => [
      path,
      readFileSync(path, 'utf8'),
    ])
    return createSchemaEngine({
      url,
      shadowDatabaseUrl,
      datamodels: datamodels.length > 0 ? datamodels : undefined,
      onLog: (line) => this.#onEngineLog(line),
      onDatabaseError: (error) => this.#databaseErrors.push(error),
    })
  }

  #onEngineLog(line: string): void {
    const text = line.trim()
    if (text === '') return
    this.#options.log(`${text}\n`)
    // The native engine tells the CLI which migration it applies ("Applying migration `x`"); the
    // Wasm engine only logs it.
    const applying = /"message":"Applying `([^`"]+)`"/.exec(text)
    if (applying && text.includes('"target":"schema_commands::commands::apply_migrations"')) {
      this.#peer?.request('print', { content: `Applying migration \`${applying[1]}\`\n` }).catch(() => {})
    }
  }

  #toRpcError(method: string, params: Params, error: unknown): RpcError {
    if (error instanceof MethodNotFound) return { code: -32601, message: `Method not found: ${method}` }
    // A Rust panic surfaces as WebAssembly.RuntimeError ("unreachable"); the instance is unusable after.
    if (error instanceof Error && error.name === 'RuntimeError') {
      this.#poisoned = true
      const message = lastWasmPanicMessage() ?? `RuntimeError: ${error.message}`
      return {
        code: ENGINE_ERROR,
        message,
        data: { is_panic: true, message, backtrace: error.stack ?? null },
      }
    }
    // A command that needs a database, run without a URL (`migrate diff --from-migrations` applies
    // the migrations to a shadow database): say so, not "External error id#0".
    if (this.#databaseErrors.some((databaseError) => databaseError.message === NO_DATABASE_URL)) {
      return {
        code: ENGINE_ERROR,
        message: NO_DATABASE_URL,
        data: { is_panic: false, message: NO_DATABASE_URL, backtrace: null },
      }
    }
    const known = error instanceof UserFacingError ? error.known : this.#recognise(params, error)
    if (known) {
      return {
        code: ENGINE_ERROR,
        message: 'An error happened. Check the data field for details.',
        data: { is_panic: false, message: known.message, meta: known.meta, error_code: known.code },
      }
    }
    const message = error instanceof Error ? error.message : String(error)
    return {
      code: ENGINE_ERROR,
      message: 'An error happened. Check the data field for details.',
      data: { is_panic: false, message, backtrace: null },
    }
  }

  /** Rebuilds the user-facing error the native engine would have sent for an engine error. */
  #recognise(params: Params, error: unknown): KnownError | undefined {
    const text = error instanceof Error ? error.message : String(error)
    const { message, spanTrace } = splitEngineError(text)
    const databaseError = this.#databaseErrors.findLast(isPgError)
    const migrations = params.migrationsList as Parameters<typeof migrationScript>[0]
    const url = this.#options.datasource?.url ?? ''
    const failedMigration = (name: string) =>
      databaseError && applyMigrationError(name, databaseError, migrationScript(migrations, name))

    const code = codeOfMessage(message)
    if (code === 'P3006') {
      // The engine renders P3006 around the flattened driver error; native Prisma nests P3018.
      const name = /^Migration `([^`]+)`/.exec(message)?.[1] as string
      const inner = failedMigration(name)
      if (inner) return migrationDoesNotApplyCleanly(name, inner)
    }
    if (code) return { code, message, meta: {} }

    // A migration script PostgreSQL rejected, on the main database (`migrate deploy`/`dev`).
    const migrationName = migrationNamesInSpanTrace(spanTrace)[0]
    if (spanTrace.includes('apply_migration::apply_script') && migrationName) {
      const known = failedMigration(migrationName)
      if (known) return known
    }
    if (message.startsWith('Failed to connect to the shadow database')) {
      const inner = message.slice(message.indexOf('\n') + 1)
      return shadowDbCreationError(connectionError(this.#databaseErrors.at(-1), url) ?? inner)
    }
    const lastError = this.#databaseErrors.at(-1)
    return lastError ? connectionError(lastError, url) : undefined
  }
}

class MethodNotFound extends Error {
  override name = 'MethodNotFound'
}

function needsShadowFactory(error: unknown): boolean {
  return (
    error instanceof Error && error.message.includes('shadow DB must be provided through an external factory')
  )
}
