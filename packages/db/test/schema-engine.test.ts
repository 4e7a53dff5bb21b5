// createSchemaEngine: the Wasm engine on adapter-pg with the adapter's quirks fixed (see
// docs/decisions/003-wasm-schema-engine.md). Shared by the CLI bridge and the test kit.

import {
  applyMigrations,
  createSchemaEngine,
  loadMigrations,
  type MigrationList,
} from '@tenantkit/migrations'
import { describe, expect, test } from 'vitest'
import { leftoverShadowDatabases, query, scratchDatabase, shadowDatabases } from './support/databases.ts'
import { REPO_ROOT } from './support/prisma-cli.ts'

const filters = { externalTables: [], externalEnums: [] }

const oneMigration = (name: string, sql: string): MigrationList => ({
  baseDir: '/virtual/migrations',
  lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
  shadowDbInitScript: '',
  migrationDirectories: [
    { path: name, migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } } },
  ],
})

describe('createSchemaEngine', () => {
  test('applies a migration whose function body and strings contain semicolons', async () => {
    await using db = await scratchDatabase('engine_script')
    const migrations = oneMigration(
      '20270101000000_touch_trigger',
      `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := 'touched; twice';
  RETURN NEW;
END
$$;
CREATE TABLE notes (note text);
CREATE TRIGGER notes_touch BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO notes VALUES ('a;b');
`,
    )

    expect(await applyMigrations(db.url, migrations)).toEqual(['20270101000000_touch_trigger'])
    expect(await query(db.name, 'SELECT note FROM notes')).toEqual([{ note: 'touched; twice' }])
  })

  test('replays a migrations folder in a shadow database of its own, and drops it', async () => {
    await using db = await scratchDatabase('engine_shadow')
    const shadowsBefore = await shadowDatabases()
    const engine = await createSchemaEngine({ url: db.url })
    try {
      // Reading the replayed schema back needs pg_catalog's "char" columns.
      const diff = await engine.diff({
        from: { tag: 'migrations', ...loadMigrations(`${REPO_ROOT}/prisma/migrations`) },
        to: { tag: 'empty' },
        script: true,
        exitCode: null,
        filters,
      })
      expect(diff.stdout).toContain('DROP TABLE "public"."users";')
    } finally {
      engine.free()
    }

    expect(await query(db.name, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([])
    expect(await leftoverShadowDatabases(shadowsBefore)).toEqual([])
  })

  test('reports the errors PostgreSQL raised, with their SQLSTATE, to onDatabaseError', async () => {
    await using db = await scratchDatabase('engine_errors')
    const seen: Error[] = []
    const engine = await createSchemaEngine({ url: db.url, onDatabaseError: (error) => seen.push(error) })
    try {
      const failing = engine.applyMigrations({
        migrationsList: oneMigration('20270101000000_broken', 'SELECT nope FROM nowhere;'),
        filters,
      })
      await expect(failing).rejects.toThrow('20270101000000_broken')
    } finally {
      engine.free()
    }

    expect(seen.map((error) => (error as { code?: string }).code)).toContain('42P01')
  })
})

describe('applyMigrations', () => {
  test('names the failing migration, its SQLSTATE and the line PostgreSQL rejected', async () => {
    await using db = await scratchDatabase('apply_fail')

    const failing = applyMigrations(
      db.url,
      oneMigration('20270101000000_broken', 'CREATE TABLE ok (id int);\nSELECT nope FROM nowhere;\n'),
    )

    await expect(failing).rejects.toThrow(
      /Migration 20270101000000_broken failed to apply \(SQLSTATE 42P01\)/,
    )
    await expect(failing).rejects.toThrow('> 2 SELECT nope FROM nowhere;'.replace('> 2', '>    2'))
  })

  test('on a database that has every migration, applies nothing and records nothing', async () => {
    await using db = await scratchDatabase('apply_up_to_date', { migrated: true })
    const migrations = loadMigrations(`${REPO_ROOT}prisma/migrations`)
    const before = await query<{ n: number }>(db.name, 'SELECT count(*)::int AS n FROM _prisma_migrations')

    expect(await applyMigrations(db.url, migrations)).toEqual([])

    const after = await query<{ n: number }>(db.name, 'SELECT count(*)::int AS n FROM _prisma_migrations')
    expect(after).toEqual(before)
  })

  test('with one migration missing, applies just that one', async () => {
    await using db = await scratchDatabase('apply_one_more', { migrated: true })
    const migrations = loadMigrations(`${REPO_ROOT}prisma/migrations`)
    const extra = oneMigration('29990101000000_extra', 'CREATE TABLE extra (id int);\n').migrationDirectories
    const withExtra = { ...migrations, migrationDirectories: [...migrations.migrationDirectories, ...extra] }

    expect(await applyMigrations(db.url, withExtra)).toEqual(['29990101000000_extra'])
    expect(await query(db.name, `SELECT to_regclass('extra') IS NOT NULL AS made`)).toEqual([{ made: true }])
  })
})
