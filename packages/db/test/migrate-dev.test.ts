// `prisma migrate dev` (and `pnpm db:new`) through the Wasm bridge: a schema change becomes a new
// migration, computed against a throwaway shadow database that is dropped afterwards.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { leftoverShadowDatabases, query, scratchDatabase, shadowDatabases } from './support/databases.ts'
import {
  addNickname,
  copyPrismaProject,
  describeRun,
  REPO_MIGRATIONS,
  runPrisma,
} from './support/prisma-cli.ts'

const nicknameColumn = (database: string) =>
  query<{ column_name: string }>(
    database,
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'nickname'`,
  )

const newMigrations = (migrationsDir: string) =>
  readdirSync(migrationsDir).filter((name) => name.endsWith('_add_user_nickname'))

describe('prisma migrate dev', () => {
  test('creates and applies a second migration from a changed schema, leaving no shadow database', async () => {
    await using db = await scratchDatabase('dev', { migrated: true })
    using project = copyPrismaProject()
    project.editSchema(addNickname)
    const shadowsBefore = await shadowDatabases()

    const result = await runPrisma(['migrate', 'dev', '--name', 'add_user_nickname'], {
      cwd: project.dir,
      databaseUrl: db.url,
    })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain('Your database is now in sync with your schema.')
    const [created] = newMigrations(project.migrationsDir)
    expect(created, readdirSync(project.migrationsDir).join(', ')).toMatch(/^\d{14}_add_user_nickname$/)
    const sql = readFileSync(join(project.migrationsDir, created as string, 'migration.sql'), 'utf8')
    expect(sql).toContain('ALTER TABLE "users" ADD COLUMN     "nickname" TEXT;')
    expect(await nicknameColumn(db.name)).toHaveLength(1)
    expect(await leftoverShadowDatabases(shadowsBefore)).toEqual([])

    // Recorded as applied, after the history it extends: what `migrate status` reads
    // (migrate-status.test.ts runs that command itself).
    const applied = await query<{ migration_name: string }>(
      db.name,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    )
    expect(applied.map((row) => row.migration_name)).toEqual([...REPO_MIGRATIONS, created])
  })

  test('with --create-only (pnpm db:new) writes the migration without applying it, and the next run applies it', async () => {
    await using db = await scratchDatabase('dev_create_only', { migrated: true })
    using project = copyPrismaProject()
    project.editSchema(addNickname)

    const created = await runPrisma(['migrate', 'dev', '--create-only', '--name', 'add_user_nickname'], {
      cwd: project.dir,
      databaseUrl: db.url,
    })

    expect(created.code, describeRun(created)).toBe(0)
    expect(created.stdout).toContain('Prisma Migrate created the following migration without applying it')
    expect(newMigrations(project.migrationsDir)).toHaveLength(1)
    expect(await nicknameColumn(db.name)).toHaveLength(0)

    const applied = await runPrisma(['migrate', 'dev'], { cwd: project.dir, databaseUrl: db.url })

    expect(applied.code, describeRun(applied)).toBe(0)
    expect(applied.stdout).toMatch(/Applying migration `\d{14}_add_user_nickname`/)
    expect(await nicknameColumn(db.name)).toHaveLength(1)
  })

  test('reports a migration that fails on the shadow database as P3006', async () => {
    await using db = await scratchDatabase('dev_shadow_fail', { migrated: true })
    using project = copyPrismaProject()
    project.addMigration('20270101000000_broken', 'ALTER TABLE "nowhere" ADD COLUMN "x" int;\n')
    const shadowsBefore = await shadowDatabases()

    const result = await runPrisma(['migrate', 'dev'], { cwd: project.dir, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain('Error: P3006')
    expect(result.stderr).toContain(
      'Migration `20270101000000_broken` failed to apply cleanly to the shadow database.',
    )
    expect(result.stderr).toContain('Database error code: 42P01')
    expect(existsSync(join(project.migrationsDir, '20270101000000_broken'))).toBe(true)
    expect(await leftoverShadowDatabases(shadowsBefore)).toEqual([])
  })
})
