// `prisma migrate status` through the Wasm bridge.
import { describe, expect, test } from 'vitest'
import { scratchDatabase } from './support/databases.ts'
import {
  copyPrismaProject,
  describeRun,
  migrationsFound,
  REPO_MIGRATIONS,
  REPO_ROOT,
  runPrisma,
} from './support/prisma-cli.ts'

describe('prisma migrate status', () => {
  test('reports a deployed database as up to date', async () => {
    await using db = await scratchDatabase('status', { migrated: true })

    const result = await runPrisma(['migrate', 'status'], { cwd: REPO_ROOT, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain(migrationsFound(REPO_MIGRATIONS.length))
    expect(result.stdout).toContain('Database schema is up to date!')
  })

  test('lists the migrations a database has not applied yet, and exits 1', async () => {
    await using db = await scratchDatabase('status_behind', { migrated: true })
    using project = copyPrismaProject()
    project.addMigration('20270101000000_add_flag', 'ALTER TABLE "users" ADD COLUMN "flag" BOOLEAN;\n')

    const result = await runPrisma(['migrate', 'status'], { cwd: project.dir, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stdout).toContain('Following migration have not yet been applied:')
    expect(result.stdout).toContain('20270101000000_add_flag')
  })
})
