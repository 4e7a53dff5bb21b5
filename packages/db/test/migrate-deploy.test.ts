// `prisma migrate deploy` (pnpm db:migrate) through the Wasm bridge: creates the database, applies
// the migrations, and reports failures with Prisma's own error codes.
import { applyMigrations, loadMigrations } from '@tenantkit/migrations'
import { describe, expect, test } from 'vitest'
import { query, scratchDatabase } from './support/databases.ts'
import {
  copyPrismaProject,
  describeRun,
  REPO_MIGRATIONS,
  REPO_ROOT,
  runPrisma,
} from './support/prisma-cli.ts'

describe('prisma migrate deploy', () => {
  test('creates a missing database and applies every migration to it', async () => {
    await using db = await scratchDatabase('deploy', { create: false })

    const result = await runPrisma(['migrate', 'deploy'], { cwd: REPO_ROOT, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain(`PostgreSQL database ${db.name} created`)
    for (const name of REPO_MIGRATIONS) expect(result.stdout).toContain(`Applying migration \`${name}\``)
    expect(result.stdout).toContain('All migrations have been successfully applied.')
    const applied = await query<{ migration_name: string; finished: boolean }>(
      db.name,
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(applied).toEqual(REPO_MIGRATIONS.map((name) => ({ migration_name: name, finished: true })))
    const tables = await query<{ tablename: string }>(
      db.name,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )
    // Later migrations may add tables: these are the ones the first one creates.
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        '_prisma_migrations',
        'audit_events',
        'content_items',
        'memberships',
        'organizations',
        'users',
      ]),
    )
  })

  test('applies nothing the second time', async () => {
    // Every migration applied already: a clone of the kit's template (the first test shows the CLI
    // applying them; this one, what the CLI does next).
    await using db = await scratchDatabase('redeploy', { migrated: true })

    const result = await runPrisma(['migrate', 'deploy'], { cwd: REPO_ROOT, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain('No pending migrations to apply.')
  })

  test('reports a failing migration as P3018 with the SQLSTATE, and applies none of it', async () => {
    await using db = await scratchDatabase('deploy_fail')
    using project = copyPrismaProject()
    project.addMigration(
      '20270101000000_broken',
      'CREATE TABLE "half_done" (id int);\nALTER TABLE "users" ADD COLUMN "nope" int REFERENCES "nowhere"(id);\n',
    )

    const result = await runPrisma(['migrate', 'deploy'], { cwd: project.dir, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain('Error: P3018')
    expect(result.stderr).toContain('Migration name: 20270101000000_broken')
    expect(result.stderr).toContain('Database error code: 42P01')
    expect(result.stderr).toContain('relation "nowhere" does not exist')
    // The script runs as one batch, as with the native engine: its first statement is rolled back.
    const [table] = await query<{ found: string | null }>(db.name, `SELECT to_regclass('half_done') AS found`)
    expect(table?.found).toBeNull()
  })

  test('refuses to continue after a failed migration with P3009', async () => {
    await using db = await scratchDatabase('deploy_blocked')
    using project = copyPrismaProject()
    project.addMigration('20270101000000_broken', 'SELECT nope FROM nowhere;\n')
    // The failed first attempt, in-process with the same engine (it records the failure in
    // _prisma_migrations as the CLI does); the CLI's own P3018 is the test above.
    await expect(applyMigrations(db.url, loadMigrations(project.migrationsDir))).rejects.toThrow(
      /20270101000000_broken failed to apply/,
    )

    const result = await runPrisma(['migrate', 'deploy'], { cwd: project.dir, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain('Error: P3009')
    expect(result.stderr).toContain('The `20270101000000_broken` migration started at')
  })
})
