// The documented schema change (docs/prisma-offline.md: edit schema.prisma, `pnpm db:new`,
// `pnpm db:migrate`) must keep the suite green: no test may pin the migration history. A copy of
// the repository gets a new migration, and the tests that read the history run there.
import { inject, test } from 'vitest'
import { copyRepository } from './support/repository-copy.ts'

/** The change and the migration `pnpm db:new add_organization_motto` writes for it. */
const addMotto = (schema: string) =>
  schema.replace(/(\n\s+slug\s+String\s+@unique[^\n]*)/, '$1\n  motto       String?')
const MOTTO_MIGRATION = [
  '29990101000000_add_organization_motto',
  'ALTER TABLE "organizations" ADD COLUMN     "motto" TEXT;\n',
] as const

/**
 * The tests that read the repository's migration history, by file. `migrate dev`'s own test counts
 * relative to it the way `migrate status`'s does, and `pnpm db:check` compares the migrations with
 * the schema, not with a history: both left out, as each costs CLI runs.
 */
const HISTORY_TESTS: Record<string, string[]> = {
  'apps/api/test/dev.test.ts': [
    'keeps the data between runs: migrates and seeds once, then finds it all again',
  ],
  'packages/db/test/migrate-deploy.test.ts': ['creates a missing database and applies every migration to it'],
  'packages/db/test/migrate-status.test.ts': ['reports a deployed database as up to date'],
}

test('a new migration keeps the tests that read the migration history green', async ({ expect }) => {
  using repo = copyRepository()
  repo.editSchema(addMotto)
  repo.addMigration(...MOTTO_MIGRATION)
  const titles = Object.values(HISTORY_TESTS).flat()
  const pattern = titles.map((title) => title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')

  // On this run's server (external provider): the copy's run starts no server of its own (startDev
  // still starts the embedded one it tests).
  const run = await repo.vitest(['--maxWorkers=2', '-t', `(${pattern})$`, ...Object.keys(HISTORY_TESTS)], {
    TEST_DB_PROVIDER: 'external',
    TEST_DATABASE_URL: inject('tenantkit').adminUrl,
  })

  const output = `exit ${run.code}\n${run.stdout}\n${run.stderr}`
  expect(Object.fromEntries([...run.tests].filter(([, status]) => status !== 'skipped')), output).toEqual(
    Object.fromEntries(titles.map((title) => [title, 'passed'])),
  )
  expect(run.code, output).toBe(0)
}, 180_000)
