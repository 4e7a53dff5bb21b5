// `prisma migrate diff` (pnpm db:check) through the Wasm bridge: the migrations folder, replayed in
// a shadow database, compared with the schema.
import { describe, expect, test } from 'vitest'
import { leftoverShadowDatabases, query, scratchDatabase, shadowDatabases } from './support/databases.ts'
import { addNickname, copyPrismaProject, describeRun, REPO_ROOT, runPrisma } from './support/prisma-cli.ts'

const DB_CHECK = [
  'migrate',
  'diff',
  '--from-migrations',
  'prisma/migrations',
  '--to-schema',
  'prisma/schema.prisma',
  '--exit-code',
]

describe('prisma migrate diff', () => {
  test('finds no difference between the committed migrations and schema (pnpm db:check)', async () => {
    await using db = await scratchDatabase('check')
    const shadowsBefore = await shadowDatabases()

    const result = await runPrisma(DB_CHECK, { cwd: REPO_ROOT, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain('No difference detected.')
    expect(await leftoverShadowDatabases(shadowsBefore)).toEqual([])
    // The migrations ran in the shadow database, not in the one DATABASE_URL names.
    const tables = await query(db.name, `SELECT 1 FROM pg_tables WHERE schemaname = 'public'`)
    expect(tables).toEqual([])
  })

  test('with --exit-code exits 2 and prints the difference when the schema has an unmigrated change', async () => {
    await using db = await scratchDatabase('drift')
    using project = copyPrismaProject()
    project.editSchema(addNickname)

    const result = await runPrisma(DB_CHECK, { cwd: project.dir, databaseUrl: db.url })

    expect(result.code, describeRun(result)).toBe(2)
    expect(result.stdout).toContain('[*] Changed the `users` table')
    expect(result.stdout).toContain('[+] Added column `nickname`')
  })

  test('with --script prints the SQL that would migrate the database', async () => {
    await using db = await scratchDatabase('diff_script')
    using project = copyPrismaProject()
    project.editSchema(addNickname)

    const result = await runPrisma(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--script',
      ],
      { cwd: project.dir, databaseUrl: db.url },
    )

    expect(result.code, describeRun(result)).toBe(0)
    expect(result.stdout).toContain('ALTER TABLE "users" ADD COLUMN     "nickname" TEXT;')
  })
})
