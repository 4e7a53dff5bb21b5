// A bad DATABASE_URL fails fast with the Prisma error code and message users can search for, as
// the CLI prints them. The bridge's other URL errors (P1013, a schema other than public) are
// tested in-process in schema-engine-bridge.test.ts: the CLI prints any of them the same way.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { scratchDir } from '@tenantkit/test-kit'
import { describe, expect, test } from 'vitest'
import { databaseUrl } from './support/databases.ts'
import { describeRun, REPO_ROOT, runPrisma } from './support/prisma-cli.ts'

// Each test is one CLI run of its own, against nothing it shares: they run side by side.
describe('connection errors', { concurrent: true }, () => {
  test('an unreachable server is reported as P1001 with its address', async () => {
    const result = await runPrisma(['migrate', 'deploy'], {
      cwd: REPO_ROOT,
      databaseUrl: 'postgresql://postgres:postgres@127.0.0.1:1/tenantkit',
    })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain("P1001: Can't reach database server at `127.0.0.1`:`1`")
  })

  test('a missing database is reported as P1003 by migrate status', async () => {
    const url = databaseUrl('tk_missing_database')

    const result = await runPrisma(['migrate', 'status'], { cwd: REPO_ROOT, databaseUrl: url })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain('P1003: Database `tk_missing_database` does not exist')
  })

  test('migrate diff --from-empty needs no database: a first migration is made offline', async () => {
    const schema = 'packages/factories/test/schemas/hoppscotch/schema.prisma'
    const diff = ['migrate', 'diff', '--from-empty', '--to-schema', schema, '--script']
    // As from a shell with no NODE_COMPILE_CACHE (the kit sets one for the suite): the CLI's own
    // default folder, under the temporary folder.
    using temp = scratchDir('compile-cache')

    const result = await runPrisma(diff, {
      cwd: REPO_ROOT,
      databaseUrl: '',
      env: { NODE_COMPILE_CACHE: undefined, TMPDIR: temp.path },
    })

    expect(result.code, describeRun(result)).toBe(0)
    // The same SQL as the schema's committed first migration, which this command made.
    const committed = readFileSync(
      join(
        REPO_ROOT,
        'packages/factories/test/schemas/hoppscotch/migrations/20261206000000_init/migration.sql',
      ),
      'utf8',
    )
    expect(result.stdout.trim()).toBe(committed.trim())
    // tenantkit-prisma keeps Node's compile cache for the CLI and the bridge it starts: the next
    // command loads them compiled (about 0.6 s sooner, docs/benchmarks.md).
    const cached = readdirSync(join(temp.path, 'node-compile-cache'), { recursive: true })
    expect(cached.length, 'entries in the compile cache').toBeGreaterThan(10)
  })

  // The CLI stops `migrate deploy` (and `status`, `dev`: one check of the CLI's) itself
  // ("Connection url is empty"), the bridge stops `migrate diff`: both ways end with the setting to fix.
  test.for([
    ['migrate', 'deploy'],
    ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma'],
  ])('no DATABASE_URL at all names the setting to fix (prisma %s %s)', async (args) => {
    const result = await runPrisma(args, { cwd: REPO_ROOT, databaseUrl: '' })

    expect(result.code, describeRun(result)).toBe(1)
    expect(result.stderr).toContain('Set datasource.url in prisma.config.ts (DATABASE_URL=postgresql://…)')
  })
})
