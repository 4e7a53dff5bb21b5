// Reads prisma/migrations from disk and applies it with the Wasm schema engine: the same
// `_prisma_migrations` bookkeeping as `prisma migrate deploy`, in-process.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { MigrationDirectory } from '@prisma/schema-engine-wasm'
import pg from 'pg'
import { createSchemaEngine } from './schema-engine.ts'
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
    throw new Error(`No migrations folder at ${baseDir}. Create one with \`pnpm db:new <name>\`.`)
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
export function applyMigrations(url: string, migrations: MigrationList): Promise<string[]> {
  return withUnrefEngineTimers(() => applyWithEngine(url, migrations))
}

async function applyWithEngine(url: string, migrations: MigrationList): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const engine = await createSchemaEngine({ url, pool })
  try {
    const out = await engine.applyMigrations({
      migrationsList: migrations,
      filters: { externalTables: [], externalEnums: [] },
    })
    return out.appliedMigrationNames
  } catch (error) {
    throw describeMigrationError(error)
  } finally {
    engine.free()
    await pool.end()
  }
}

function describeMigrationError(error: unknown): Error {
  const raw = error instanceof Error ? error.message : String(error)
  const name =
    /migration_name="([^"]+)"/.exec(raw)?.[1] ??
    /Migration name: (\S+)/.exec(raw)?.[1] ??
    /migration [`'"]?([0-9]{14}_[\w-]+)/i.exec(raw)?.[1]
  const message = name
    ? `Migration ${name} failed to apply.\n${raw}\nFix prisma/migrations/${name}/migration.sql and run the tests again.`
    : `Applying migrations failed.\n${raw}`
  return new Error(message, { cause: error })
}
