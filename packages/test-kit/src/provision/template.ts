// The migrated template database: named by a hash of the migrations, the PostgreSQL major and
// the kit's version, built once under an advisory lock, reused while unchanged.
import { readFileSync } from 'node:fs'
import { applyMigrations, loadMigrations } from '@tenantkit/migrations'
import type pg from 'pg'
import { MigrationFailedError } from '../errors.ts'
import { databaseUrl, quoteIdent, shortHash, TEMPLATE_PREFIX } from './database-names.ts'

const KIT_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
const READY_COMMENT = 'tenantkit template: ready'
/** Advisory lock key (two int4) for building templates: 'tk' + 'tmpl'. */
const BUILD_LOCK = [0x746b, 0x746d706c]

/** A hash of what a template holds apart from the server's version: the migrations and the kit's version. */
export function migrationsFingerprint(migrationsDir: string): string {
  const migrations = loadMigrations(migrationsDir)
  const contents = migrations.migrationDirectories.map((dir) =>
    dir.migrationFile.content.tag === 'ok' ? `${dir.path}\n${dir.migrationFile.content.value}` : dir.path,
  )
  return shortHash(...contents, `kit${KIT_VERSION}`)
}

/**
 * The project a migrations folder belongs to, whatever the branch or checkout: its first migration
 * (name and content), which every later state of the history shares.
 */
export function migrationsProject(migrationsDir: string): string {
  const [first] = loadMigrations(migrationsDir).migrationDirectories
  if (!first) return 'empty'
  return shortHash(
    first.path.split(/[\\/]/).at(-1) ?? first.path,
    first.migrationFile.content.tag === 'ok' ? first.migrationFile.content.value : '',
  )
}

export function templateName(migrationsDir: string, serverMajor: string): string {
  return `${TEMPLATE_PREFIX}${shortHash(migrationsFingerprint(migrationsDir), `pg${serverMajor}`)}`
}

export type TemplateResult = { name: string; built: boolean; appliedMigrations: string[] }

/**
 * Makes sure the template for the current migrations exists and is complete. Two runs sharing a
 * server wait for each other here instead of racing; a half-built template (a run killed while
 * building) is dropped and rebuilt.
 */
export async function ensureTemplate(
  admin: pg.Client,
  adminUrl: string,
  migrationsDir: string,
  serverMajor: string,
): Promise<TemplateResult> {
  const name = templateName(migrationsDir, serverMajor)
  await admin.query('SELECT pg_advisory_lock($1, $2)', BUILD_LOCK)
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    )
    if (rows[0]?.comment === READY_COMMENT) return { name, built: false, appliedMigrations: [] }
    if (rows[0]) await admin.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`)
    let appliedMigrations: string[]
    try {
      appliedMigrations = await applyMigrations(databaseUrl(adminUrl, name), loadMigrations(migrationsDir))
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      const reason = error instanceof Error ? error.message : String(error)
      throw new MigrationFailedError(
        `Building the test template from ${migrationsDir} failed: ${reason}\nFix that migration (or add one that repairs it), or point TEST_MIGRATIONS_DIR at another migration history.`,
        { cause: error },
      )
    }
    await admin.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`)
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS '${READY_COMMENT}'`)
    return { name, built: true, appliedMigrations }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1, $2)', BUILD_LOCK)
  }
}
