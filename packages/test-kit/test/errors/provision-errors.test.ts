// Each provisioning error, provoked for real: its class, its stable code, and a message that names
// the setting at fault and the fix (docs/errors.md lists them all).
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, inject, type TestContext, test } from 'vitest'
import {
  DockerUnavailableError,
  EmbeddedServerError,
  ExternalServerError,
  KitSettingsError,
  MigrationFailedError,
  MigrationsNotFoundError,
  StateDirError,
  TemplateBusyError,
} from '../../src/index.ts'
import { chooseProvider } from '../../src/provision/choose-provider.ts'
import { cloneDatabase } from '../../src/provision/clone-database.ts'
import { databaseUrl, quoteIdent, runDatabasePrefix } from '../../src/provision/database-names.ts'
import { findMigrationsDir } from '../../src/provision/find-migrations.ts'
import { startEmbedded } from '../../src/provision/providers/embedded.ts'
import { useExternal } from '../../src/provision/providers/external.ts'
import { dockerUnavailableReason } from '../../src/provision/providers/testcontainers.ts'
import { readSettings } from '../../src/provision/settings.ts'
import { assertReachableByOthers } from '../../src/provision/state-dir.ts'
import { ensureTemplate } from '../../src/provision/template.ts'
import { caught } from './support/caught.ts'

type OnTestFinished = TestContext['onTestFinished']

function scratchDir(cleanup: OnTestFinished, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function adminClient(cleanup: OnTestFinished): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: inject('tenantkit').adminUrl })
  await admin.connect()
  cleanup(() => admin.end())
  return admin
}

describe('KitSettingsError (TK_SETTINGS)', () => {
  test.for([
    [
      { TEST_DB_PROVIDER: 'sqlite' },
      'TEST_DB_PROVIDER',
      /Use one of auto, external, testcontainers, embedded/,
    ],
    [{ TEST_DATABASE_URL: 'mysql://x' }, 'TEST_DATABASE_URL', /must be a postgresql:\/\/ URL.*or unset it/],
    [
      { TEST_DB_PROVIDER: 'external' },
      'TEST_DATABASE_URL',
      /Set TEST_DATABASE_URL=postgresql:\/\/.*or unset/,
    ],
    [{ TEST_KEEP_FAILED_DB: 'yes' }, 'TEST_KEEP_FAILED_DB', /Set it to 1 .*or unset it/],
  ] as const)('%o names %s and the fix', async ([env, setting, fix]) => {
    const error = await caught(() => readSettings(env))
    expect(error).toBeInstanceOf(KitSettingsError)
    expect(error).toMatchObject({ code: 'TK_SETTINGS', setting })
    expect(error.message).toContain(setting)
    expect(error.message).toMatch(fix)
  })
})

describe('MigrationsNotFoundError (TK_MIGRATIONS_NOT_FOUND)', () => {
  test('TEST_MIGRATIONS_DIR pointing nowhere names the setting and the fix', async () => {
    const error = await caught(() => findMigrationsDir(tmpdir(), '/no/such/migrations'))
    expect(error).toBeInstanceOf(MigrationsNotFoundError)
    expect(error.code).toBe('TK_MIGRATIONS_NOT_FOUND')
    expect(error.message).toMatch(/TEST_MIGRATIONS_DIR=\/no\/such\/migrations does not exist.*or unset it/)
  })

  test('a folder with no prisma/migrations above it says to set TEST_MIGRATIONS_DIR', async ({
    onTestFinished,
  }) => {
    const error = await caught(() => findMigrationsDir(scratchDir(onTestFinished, 'tk-nomig-'), undefined))
    expect(error).toMatchObject({ code: 'TK_MIGRATIONS_NOT_FOUND' })
    expect(error.message).toMatch(/No prisma\/migrations folder found above .*set TEST_MIGRATIONS_DIR/)
  })
})

describe('MigrationFailedError (TK_MIGRATION_FAILED)', () => {
  test('a broken migration is named with PostgreSQL’s error and the fix', { timeout: 60_000 }, async ({
    onTestFinished,
  }) => {
    const migrations = scratchDir(onTestFinished, 'tk-broken-')
    mkdirSync(join(migrations, '20990103000000_broken'))
    writeFileSync(
      join(migrations, '20990103000000_broken', 'migration.sql'),
      'ALTER TABLE "nope" ADD "x" INT;',
    )
    const admin = await adminClient(onTestFinished)
    const { adminUrl, serverVersion } = inject('tenantkit')
    const major = serverVersion.split('.')[0] ?? serverVersion
    const error = await caught(() => ensureTemplate(admin, adminUrl, migrations, major))
    expect(error).toBeInstanceOf(MigrationFailedError)
    expect(error.code).toBe('TK_MIGRATION_FAILED')
    expect(error.message).toContain('20990103000000_broken')
    expect(error.message).toContain('relation "nope" does not exist')
    expect(error.message).toMatch(/Fix that migration .*TEST_MIGRATIONS_DIR/)
    expect(error.cause).toBeInstanceOf(Error)
  })
})

describe('DockerUnavailableError (TK_DOCKER_UNAVAILABLE)', () => {
  test('forcing testcontainers without a Docker engine names the setting and the fix', async () => {
    const settings = readSettings({
      TEST_DB_PROVIDER: 'testcontainers',
      DOCKER_HOST: process.env.DOCKER_HOST,
    })
    const forced = chooseProvider(settings, { dir: 'r', mark: 'tenantkit-r', end: async () => {} })
    if (await dockerUnavailableReason(settings.dockerHost)) {
      const error = await caught(() => forced)
      expect(error).toBeInstanceOf(DockerUnavailableError)
      expect(error.code).toBe('TK_DOCKER_UNAVAILABLE')
      expect(error.message).toMatch(
        /TEST_DB_PROVIDER=testcontainers, but no Docker engine.*Start Docker.*unset TEST_DB_PROVIDER/,
      )
    } else {
      // A Docker engine answers on this machine: the error cannot happen, the choice goes through.
      await expect(forced).resolves.toMatchObject({ reason: expect.stringContaining('testcontainers') })
    }
  })
})

describe('ExternalServerError (TK_EXTERNAL_SERVER)', () => {
  test('a URL where nothing answers: the URL with its password hidden, and the fix', async () => {
    const error = await caught(() => useExternal('postgresql://u:secret@127.0.0.1:1/postgres'))
    expect(error).toBeInstanceOf(ExternalServerError)
    expect(error.code).toBe('TK_EXTERNAL_SERVER')
    expect(error.message).toMatch(
      /TEST_DATABASE_URL=postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/postgres could not be used/,
    )
    expect(error.message).toMatch(/unset TEST_DATABASE_URL to use the embedded PostgreSQL/)
    expect(error.message).not.toContain('secret')
  })

  test('a role that cannot create databases: says to grant CREATEDB', async ({ onTestFinished }) => {
    const admin = await adminClient(onTestFinished)
    const role = `tk_nocreate_${randomBytes(4).toString('hex')}`
    await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD 'pw'`)
    onTestFinished(() => admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).then(() => undefined))
    const url = new URL(inject('tenantkit').adminUrl)
    url.username = role
    url.password = 'pw'
    const error = await caught(() => useExternal(url.toString()))
    expect(error).toBeInstanceOf(ExternalServerError)
    expect(error.code).toBe('TK_EXTERNAL_SERVER')
    expect(error.message).toMatch(/TEST_DATABASE_URL=.* connects as a role that cannot create databases/)
    expect(error.message).toMatch(/Grant it CREATEDB/)
  })
})

describe('EmbeddedServerError (TK_EMBEDDED_SERVER)', () => {
  test('a server that cannot start ends with its log and the settings to use instead', {
    timeout: 60_000,
  }, async ({ onTestFinished }) => {
    // A port someone else holds: PostgreSQL cannot listen, and a fixed port is not retried.
    const taken: Server = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())))
    const port = (taken.address() as { port: number }).port
    const work = scratchDir(onTestFinished, 'tk-embedded-err-')
    chmodSync(work, 0o755) // as root, the postgres user must be able to enter it
    const error = await caught(async () => {
      const server = await startEmbedded({
        runId: `err${process.pid}`,
        stateDir: work,
        cacheDir: readSettings().cacheDir,
        port,
      })
      await server.stop() // it should not have started; if it did, leave nothing running
    })
    expect(error).toBeInstanceOf(EmbeddedServerError)
    expect(error.code).toBe('TK_EMBEDDED_SERVER')
    expect(error.message).toMatch(/The embedded PostgreSQL did not start/)
    expect(error.message).toMatch(/Set TEST_DATABASE_URL .*or TEST_DB_PROVIDER=testcontainers/)
  })
})

describe('StateDirError (TK_STATE_DIR)', () => {
  test('a folder the postgres user cannot enter names TEST_KIT_STATE_DIR and the fix', async ({
    onTestFinished,
  }) => {
    const closed = scratchDir(onTestFinished, 'tk-closed-') // mkdtemp makes it 0700
    const error = await caught(() => assertReachableByOthers(join(closed, 'run', 'data')))
    expect(error).toBeInstanceOf(StateDirError)
    expect(error.code).toBe('TK_STATE_DIR')
    expect(error.message).toContain(`${closed} (mode 700)`)
    expect(error.message).toMatch(/Set TEST_KIT_STATE_DIR to a folder everyone can enter \(chmod o\+x\)/)
  })

  test("a caller's own data folder gets the caller's fix (pnpm dev names DEV_DATA_DIR)", async ({
    onTestFinished,
  }) => {
    const closed = scratchDir(onTestFinished, 'tk-closed-')
    const fix = 'Set DEV_DATA_DIR to a folder it can reach.'
    const error = await caught(() => assertReachableByOthers(join(closed, 'dev-postgres'), fix))
    expect(error).toBeInstanceOf(StateDirError)
    expect(error.message).toContain(`${closed} (mode 700)`)
    expect(error.message).toContain(fix)
    expect(error.message).not.toContain('TEST_KIT_STATE_DIR')
  })
})

describe('TemplateBusyError (TK_TEMPLATE_BUSY)', () => {
  test('a template with another session in it: names the template and how to find the session', {
    timeout: 30_000,
  }, async ({ onTestFinished }) => {
    const admin = await adminClient(onTestFinished)
    const { adminUrl, runId } = inject('tenantkit')
    const prefix = `${runDatabasePrefix(runId)}busy${randomBytes(3).toString('hex')}_`
    await admin.query(`CREATE DATABASE ${quoteIdent(`${prefix}src`)}`)
    onTestFinished(async () => {
      for (const name of [`${prefix}src`, `${prefix}copy`])
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
    })
    const squatter = new pg.Client({ connectionString: databaseUrl(adminUrl, `${prefix}src`) })
    await squatter.connect()
    onTestFinished(() => squatter.end())
    // One attempt: PostgreSQL waits 5 s for the other session before it refuses.
    const error = await caught(() => cloneDatabase(admin, `${prefix}copy`, `${prefix}src`, { attempts: 1 }))
    expect(error).toBeInstanceOf(TemplateBusyError)
    expect(error.code).toBe('TK_TEMPLATE_BUSY')
    expect(error.message).toMatch(/another session is connected to it\. Disconnect it \(see pg_stat_activity/)
    expect(error.message).toContain('TEST_DATABASE_URL')
  })
})
