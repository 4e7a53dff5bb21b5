// How the adapter finds the settings a statement touches, and that a setting named only by the
// schema's own functions (never by the code's SQL) still ends with its transaction.
import { PrismaClient } from '@tenantkit/db'
import pg from 'pg'
import { describe, inject, it } from 'vitest'
import { schemaSettingUses, settingsUsedBy } from '../../src/isolation/local-settings.ts'
import { Mutex } from '../../src/isolation/mutex.ts'
import { createSavepointAdapterFactory } from '../../src/isolation/savepoint-adapter.ts'
import { databaseUrl } from '../../src/provision/database-names.ts'
import { expect, test } from '../kit.ts'

const uses = (sql: string, args: unknown[] = []) => Object.fromEntries(settingsUsedBy(sql, args))

describe('settingsUsedBy', () => {
  it('reads set_config with literal and parameter names and flags', () => {
    expect(uses("SELECT set_config('app.tenant_id', $1, true)", ['t'])).toEqual({ 'app.tenant_id': 'local' })
    expect(uses("SELECT set_config('app.mode', 'x', false)")).toEqual({ 'app.mode': 'session' })
    expect(uses('SELECT set_config($1, $2, $3)', ['app.a', 'x', true])).toEqual({ 'app.a': 'local' })
    expect(uses('SELECT set_config($1, $2, $3)', ['app.a', 'x', false])).toEqual({ 'app.a': 'session' })
    expect(uses("SELECT set_config('app.a'::text, $1::text, 'f')", ['x'])).toEqual({ 'app.a': 'session' })
  })

  it('counts a flag it cannot read as local', () => {
    expect(uses("SELECT set_config('app.a', 'x', is_local) FROM t")).toEqual({ 'app.a': 'local' })
  })

  it('reads SET, SET LOCAL, SET SESSION and RESET commands, with their special forms', () => {
    expect(uses("SET LOCAL app.tenant_id = 'x'")).toEqual({ 'app.tenant_id': 'local' })
    expect(uses("SET app.mode TO 'x'; SET SESSION statement_timeout = 5")).toEqual({
      'app.mode': 'session',
      statement_timeout: 'session',
    })
    expect(uses('SET LOCAL ROLE reader')).toEqual({ role: 'local' })
    expect(uses("SET TIME ZONE 'UTC'")).toEqual({ timezone: 'session' })
    expect(uses("SET LOCAL SCHEMA 'tenant_a'")).toEqual({ search_path: 'local' })
    expect(uses('SET SESSION AUTHORIZATION someone')).toEqual({ session_authorization: 'session' })
    expect(uses('RESET search_path')).toEqual({ search_path: 'session' })
  })

  it('ignores what is not a setting: UPDATE … SET, SET TRANSACTION, SET CONSTRAINTS', () => {
    expect(uses('UPDATE "public"."users" SET "email" = $1 WHERE "id" = $2')).toEqual({})
    expect(uses('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE')).toEqual({})
    expect(uses('SET CONSTRAINTS ALL DEFERRED')).toEqual({})
  })

  it('reads current_setting, and the set_config and SET LOCAL inside a function body', () => {
    expect(uses("SELECT current_setting('app.tenant_id', true)")).toEqual({ 'app.tenant_id': 'read' })
    const body = `BEGIN
      PERFORM set_config('app.tenant_id', tenant, true);
      SET LOCAL app.role = 'reader';
    END`
    expect(uses(body)).toEqual({ 'app.tenant_id': 'local', 'app.role': 'local' })
  })
})

describe('settings the schema names', () => {
  test.override({ isolation: 'database' })

  // The schema (as a migration would leave it) defines the function; the code under test only
  // calls it, so no statement it sends names the setting.
  async function withSchema(db: PrismaClient) {
    const [row] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
    const url = databaseUrl(inject('tenantkit').adminUrl, row?.name ?? '')
    const migration = new pg.Client({ connectionString: url })
    await migration.connect()
    await migration.query(`
      CREATE FUNCTION app_set_tenant(tenant text) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN PERFORM set_config('app.tenant_id', tenant, true); END $$;
      CREATE FUNCTION app_set_mode(mode text) RETURNS void LANGUAGE sql AS
        $$ SELECT set_config('app.mode', mode, false) $$;
      ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
      CREATE POLICY by_tenant ON organizations USING (id::text = current_setting('app.current_org', true));`)
    await migration.end()
    return url
  }

  test('are found in functions and policies, with how they are set', async ({ db }) => {
    const client = new pg.Client({ connectionString: await withSchema(db) })
    await client.connect()
    try {
      expect(Object.fromEntries(await schemaSettingUses(client))).toEqual({
        'app.tenant_id': 'local',
        'app.mode': 'session',
        'app.current_org': 'read',
      })
    } finally {
      await client.end()
    }
  })

  test('a function that sets one locally: the setting ends with the transaction that called it', async ({
    db,
  }) => {
    const client = new pg.Client({ connectionString: await withSchema(db) })
    await client.connect()
    await client.query('BEGIN')
    const connection = { client, lock: new Mutex(), depth: 0 }
    const isolated = new PrismaClient({ adapter: createSavepointAdapterFactory(() => connection) })
    const read = async (name: string) =>
      (
        await isolated.$queryRawUnsafe<{ v: string }[]>(
          `SELECT coalesce(current_setting('${name}', true), '') AS v`,
        )
      )[0]?.v
    try {
      await isolated.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT app_set_tenant(${'tenant-1'})::text`
        await tx.$queryRaw`SELECT app_set_mode(${'kept'})::text`
      })
      expect(await read('app.tenant_id')).toBe('')
      expect(await read('app.mode')).toBe('kept')
    } finally {
      await isolated.$disconnect()
      await client.query('ROLLBACK')
      await client.end()
    }
  })
})
