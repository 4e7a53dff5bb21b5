// Transaction-local and session settings: the row-level security pattern sets the tenant with
// set_config(…, true) per transaction, and a policy reads it with current_setting.
import type { PrismaClient } from '@tenantkit/db'
import { outcome, scenario } from '../scenario.ts'

/** What a row-level security policy would read ('' and unset alike: never defined reads as ''). */
async function setting(db: Pick<PrismaClient, '$queryRawUnsafe'>, name: string): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ value: string }[]>(
    `SELECT coalesce(current_setting('${name}', true), '') AS value`,
  )
  return row?.value ?? 'missing'
}

export const settingScenarios = [
  scenario('set_config(…, true) lasts until its transaction commits', async ({ db }) => {
    const inside = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${'tenant-1'}, true)`
      return setting(tx, 'app.tenant_id')
    })
    return { inside, after: await setting(db, 'app.tenant_id') }
  }),

  scenario('a rolled-back transaction after a committed one leaves the setting unset', async ({ db }) => {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', 'tenant-1', true)`
    })
    const afterCommit = await setting(db, 'app.tenant_id')
    const rolledBack = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.tenant_id', 'tenant-2', true)`
        throw new Error('rolled back')
      }),
    )
    return { afterCommit, rolledBack, afterRollback: await setting(db, 'app.tenant_id') }
  }),

  scenario(
    'SET LOCAL lasts until its transaction ends, and the next transaction starts clean',
    async ({ db }) => {
      const first = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL app.tenant_id = 'tenant-1'`)
        return setting(tx, 'app.tenant_id')
      })
      const second = await db.$transaction((tx) => setting(tx, 'app.tenant_id'))
      return { first, second, after: await setting(db, 'app.tenant_id') }
    },
  ),

  scenario(
    'set_config(…, true) with every argument a parameter ends with its transaction',
    async ({ db }) => {
      await db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe('SELECT set_config($1, $2, $3)', 'app.tenant_id', 'tenant-1', true)
      })
      return { after: await setting(db, 'app.tenant_id') }
    },
  ),

  scenario('set_config(…, true) outside a transaction lasts one statement', async ({ db }) => {
    const [{ value } = { value: '' }] = await db.$queryRaw<{ value: string }[]>`
      SELECT set_config('app.tenant_id', 'tenant-1', true) AS value`
    return { value, next: await setting(db, 'app.tenant_id') }
  }),

  scenario('SET LOCAL outside a transaction has no effect', async ({ db }) => {
    await db.$executeRawUnsafe(`SET LOCAL app.tenant_id = 'tenant-1'`)
    return { next: await setting(db, 'app.tenant_id') }
  }),

  scenario(
    'a session SET inside a committed transaction stays; inside a rolled-back one it goes',
    async ({ db }) => {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET app.mode = 'kept'`)
      })
      const kept = await setting(db, 'app.mode')
      await outcome(() =>
        db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET app.mode = 'dropped'`)
          throw new Error('rolled back')
        }),
      )
      return { kept, afterRollback: await setting(db, 'app.mode') }
    },
  ),

  scenario('SET LOCAL ROLE ends with its transaction', async ({ db }) => {
    const inside = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL ROLE pg_read_all_data')
      return tx.$queryRaw<{ user: string }[]>`SELECT current_user AS user`
    })
    const [after] = await db.$queryRaw<{ user: string }[]>`SELECT current_user AS user`
    const write = await outcome(() => db.organization.create({ data: { name: 'w', slug: 'w' } }))
    return { inside, afterIsSomeoneElse: after?.user !== 'pg_read_all_data', write: 'ok' in write }
  }),

  scenario('SET LOCAL search_path ends with its transaction', async ({ db }) => {
    const before = await db.$queryRaw<{ search_path: string }[]>`SHOW search_path`
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL search_path = pg_catalog')
    })
    return { same: JSON.stringify(await db.$queryRaw`SHOW search_path`) === JSON.stringify(before) }
  }),

  scenario("a function's set_config(…, true) ends with the caller's transaction", async ({ db }) => {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION eq_set_tenant(tenant text) RETURNS text LANGUAGE sql AS $$ SELECT set_config('app.tenant_id', tenant, true) $$`,
    )
    const inside = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT eq_set_tenant(${'tenant-1'})`
      return setting(tx, 'app.tenant_id')
    })
    return { inside, after: await setting(db, 'app.tenant_id') }
  }),

  scenario("a function's set_config(…, false) stays after the caller's transaction", async ({ db }) => {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION eq_set_mode(mode text) RETURNS text LANGUAGE sql AS $$ SELECT set_config('app.mode', mode, false) $$`,
    )
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT eq_set_mode(${'kept'})`
    })
    return { after: await setting(db, 'app.mode') }
  }),

  scenario(
    'a setting whose name is built at run time ends with its transaction',
    async ({ db }) => {
      await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('app.' || 'built', 'tenant-1', true)`)
      })
      return { after: await setting(db, 'app.built') }
    },
    { id: 'settings-by-name', inTransactionMode: () => ({ after: 'tenant-1' }) },
  ),
]
