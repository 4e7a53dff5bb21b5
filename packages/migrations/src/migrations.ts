// Reads prisma/migrations from disk and applies it with the Wasm schema engine: the same
// `_prisma_migrations` bookkeeping as `prisma migrate deploy`, in-process. The engine is loaded
// when a migration is applied, and pg when one is checked, so reading migrations stays cheap
// (`@tenantkit/migrations`: the test kit's start reads them on every run, and loads pg while its
// server starts; it applies them only when its template is missing).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { MigrationDirectory } from '@prisma/schema-engine-wasm'
import {
  applyMigrationError,
  isPgError,
  migrationNamesInSpanTrace,
  migrationScript,
  splitEngineError,
} from './engine-bridge/user-facing-errors.ts'
import { withUnrefEngineTimers } from './unref-engine-timers.ts'

export type MigrationList = {
  baseDir: string
  lockfile: { path: string; content: string | null }
  shadowDbInitScript: string
  migrationDirectories: MigrationDirectory[]
}

/** Loads a migrations folder in the shape the schema engine expects. */
export function loadMigrations(dir: string): MigrationList {
  const baseDir = resolve(dir)
  if (!existsSync(baseDir)) {
    throw new Error(
      `No migrations folder at ${baseDir}. Create the first migration: npx tenantkit-prisma migrate diff --from-empty --to-schema <your schema.prisma> --script --output ${baseDir}/<timestamp>_init/migration.sql (or npx tenantkit-prisma migrate dev --name init with a database).`,
    )
  }
  const lockPath = join(baseDir, 'migration_lock.toml')
  const migrationDirectories = readdirSync(baseDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name): MigrationDirectory => {
      const file = join(baseDir, name, 'migration.sql')
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${file} is missing` },
        },
      }
    })
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories,
  }
}

/**
 * Applies every unapplied migration of `migrations` to the database at `url`.
 * A failing migration throws an error naming the migration and quoting PostgreSQL's message.
 * @example await applyMigrations(url, loadMigrations('prisma/migrations'))
 */
export async function applyMigrations(url: string, migrations: MigrationList): Promise<string[]> {
  if (await allApplied(url, migrations)) return []
  return withUnrefEngineTimers(() => applyWithEngine(url, migrations))
}

/**
 * True when _prisma_migrations already records every migration of `migrations` as finished and none
 * as failed: then there is nothing to do, and the engine (its Wasm start is most of a restart of
 * `pnpm dev`) is not loaded. Anything else — no such table, a failed or missing migration, no
 * connection — is left to the engine, which applies or reports it exactly as before.
 */
async function allApplied(url: string, migrations: MigrationList): Promise<boolean> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  try {
    await client.connect()
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations`,
    )
    if (rows.some((row) => !row.finished && !row.rolled_back)) return false
    const applied = new Set(
      rows.filter((row) => row.finished && !row.rolled_back).map((row) => row.migration_name),
    )
    return migrations.migrationDirectories.every((migration) => applied.has(migration.path))
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function applyWithEngine(url: string, migrations: MigrationList): Promise<string[]> {
  const { createSchemaEngine } = await import('./schema-engine.ts')
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const databaseErrors: Error[] = []
  const engine = await createSchemaEngine({
    url,
    pool,
    onDatabaseError: (error) => databaseErrors.push(error),
  })
  try {
    const out = await engine.applyMigrations({
      migrationsList: migrations,
      filters: { externalTables: [], externalEnums: [] },
    })
    return out.appliedMigrationNames
  } catch (error) {
    throw describeMigrationError(error, migrations, databaseErrors)
  } finally {
    engine.free()
    await pool.end()
  }
}

// The engine's error text has the migration only in its span trace and has lost PostgreSQL's
// SQLSTATE; the error the driver saw supplies both.
function describeMigrationError(error: unknown, migrations: MigrationList, databaseErrors: Error[]): Error {
  const raw = error instanceof Error ? error.message : String(error)
  const { message, spanTrace } = splitEngineError(raw)
  const name = migrationNamesInSpanTrace(spanTrace)[0]
  const databaseError = databaseErrors.findLast(isPgError)
  if (!name) return new Error(`Applying migrations failed.\n${message}`, { cause: error })
  const file = relative(process.cwd(), join(migrations.baseDir, name, 'migration.sql'))
  const detail = databaseError
    ? String(applyMigrationError(name, databaseError, migrationScript(migrations, name)).meta.database_error)
    : message
  const code = databaseError?.code ? ` (SQLSTATE ${databaseError.code})` : ''
  const text = `Migration ${name} failed to apply${code}.\n${detail}\nFix ${file} and run the tests again.`
  return new Error(text, { cause: error })
}
