// The template on a server that outlives runs (external): reused while the migrations are
// unchanged, rebuilt (and the old one dropped) when they change, a broken migration named in the
// error, and nothing of a run left on the server afterwards — databases or connections. The tests
// share one server, so each arranges the state it starts from (they run shuffled). Where a test's
// workers are part of what is checked, a child Vitest run is the run; where only the start and the
// end are, the run is the globalSetup's own startTestServer, in this process (no Vitest to start).
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MigrationFailedError } from '../../src/errors.ts'
import { type ScratchDir, scratchDir } from '../../src/index.ts'
import { createPgClient } from '../../src/provision/pg-clients.ts'
import { startEmbedded } from '../../src/provision/providers/embedded.ts'
import type { StartedServer } from '../../src/provision/providers/types.ts'
import { readSettings } from '../../src/provision/settings.ts'
import { dropStaleDatabases } from '../../src/provision/stale-databases.ts'
import { ensureTemplate } from '../../src/provision/template.ts'
import { startTestServer } from '../../src/provision/test-server.ts'
import { runChild } from './child-run/run-child.ts'

const MIGRATIONS = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url))

let server: StartedServer
let admin: pg.Client
let scratch: ScratchDir
let work: string

beforeAll(async () => {
  scratch = scratchDir('template')
  work = scratch.path
  const { cacheDir } = readSettings()
  server = await startEmbedded({ runId: `tpl${process.pid}`, stateDir: join(work, 'state'), cacheDir })
  admin = createPgClient({ connectionString: server.adminUrl })
  await admin.connect()
}, 30_000)

afterAll(async () => {
  await admin?.end()
  await server?.stop()
  scratch?.[Symbol.dispose]()
})

const kitDatabases = async () =>
  (
    await admin.query<{ datname: string; oid: number }>(
      `SELECT datname, oid FROM pg_database WHERE datname LIKE 'tk\\_%' ORDER BY 1`,
    )
  ).rows
const otherConnections = async () =>
  (
    await admin.query(
      'SELECT pid, datname, application_name FROM pg_stat_activity WHERE backend_type = $1 AND pid <> pg_backend_pid()',
      ['client backend'],
    )
  ).rows

/** What a finished run of the repository's history leaves: its template and nothing else of the kit. */
async function onlyTheCurrentTemplate(): Promise<string> {
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version')
  const major = rows[0]?.server_version.split('.')[0] ?? ''
  const { name } = await ensureTemplate(admin, server.adminUrl, MIGRATIONS, major)
  await dropStaleDatabases(admin, name)
  return name
}

/**
 * A run on the server as the globalSetup starts one (startTestServer, with settings read from an
 * environment naming the server), ended at once: what a run leaves depends on its start and end.
 */
async function startAndEndRun(migrationsDir = MIGRATIONS): Promise<string[]> {
  const lines: string[] = []
  const run = await startTestServer({
    migrationsDir,
    settings: readSettings({ TEST_DATABASE_URL: server.adminUrl, TEST_KIT_STATE_DIR: join(work, 'runs') }),
    log: (line) => lines.push(line),
  })
  await run.stop()
  return lines
}

function migrationsWith(extra: Record<string, string>): string {
  const dir = join(work, `migrations-${Object.keys(extra).join('-')}`)
  cpSync(MIGRATIONS, dir, { recursive: true })
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, 'migration.sql'), sql)
  }
  return dir
}

// One server shared by every test of the file: never concurrent.
describe('template on an external server', { timeout: 60_000, concurrent: false }, () => {
  test('a run builds the template and leaves no database or connection of its own', async () => {
    const result = await runChild({ TEST_DATABASE_URL: server.adminUrl })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('[tenantkit] database: external (TEST_DATABASE_URL is set)')
    const databases = await kitDatabases()
    expect(databases.map((d) => d.datname)).toEqual([expect.stringMatching(/^tk_tpl_[0-9a-f]{12}$/)])
    expect(await otherConnections()).toEqual([])
  })

  test('an unchanged migration history reuses the template', async () => {
    const template = await onlyTheCurrentTemplate()
    const before = await kitDatabases()
    expect(before.map((d) => d.datname)).toEqual([template])
    expect(await startAndEndRun()).toEqual(['[tenantkit] database: external (TEST_DATABASE_URL is set)'])
    // The same database (same oid): reused, not rebuilt under the same name.
    expect(await kitDatabases()).toEqual(before)
  })

  test('a changed history builds a new template and drops the old one', async () => {
    const old = await onlyTheCurrentTemplate()
    const dir = migrationsWith({
      '20990101000000_add_user_note': 'ALTER TABLE "users" ADD COLUMN "note" TEXT;',
    })
    await startAndEndRun(dir)
    const now = await kitDatabases()
    expect(now).toHaveLength(1)
    expect(now[0]?.datname).toMatch(/^tk_tpl_/)
    expect(now[0]?.datname).not.toBe(old)
  })

  test("TEST_KEEP_FAILED_DB=1 keeps a failed database-mode test's database, with its rows, after the run", async () => {
    const result = await runChild({
      TEST_DATABASE_URL: server.adminUrl,
      TEST_KEEP_FAILED_DB: '1',
      CHILD_MODE: 'fail',
      CHILD_ISOLATION: 'database',
    })
    expect(result.code).toBe(1)
    const url = /kept the database of failed test "child run": (\S+)/.exec(result.output)?.[1]
    expect(url, result.output).toMatch(/\/tk_kept_[0-9a-f]{8}_/)
    const kept = createPgClient({ connectionString: url })
    await kept.connect()
    const { rows } = await kept.query('SELECT email FROM users')
    await kept.end()
    expect(rows).toEqual([{ email: 'child@example.com' }])
    const name = new URL(url ?? '').pathname.slice(1)
    await admin.query(`DROP DATABASE "${name}"`)
    expect((await kitDatabases()).filter((d) => d.datname.startsWith('tk_run_'))).toEqual([])
  })

  test('a failing migration stops the run with its name and PostgreSQL’s error', async () => {
    const dir = migrationsWith({ '20990102000000_broken': 'ALTER TABLE "no_such_table" ADD COLUMN "x" INT;' })
    const failed = startAndEndRun(dir)
    await expect(failed).rejects.toBeInstanceOf(MigrationFailedError)
    await expect(failed).rejects.toThrow('20990102000000_broken')
    await expect(failed).rejects.toThrow('relation "no_such_table" does not exist')
    expect((await kitDatabases()).filter((d) => d.datname.startsWith('tk_run_'))).toEqual([])
    expect(readdirSync(join(work, 'runs')), 'run folders left').toEqual([])
  })
})
