// Bulk writes and raw SQL: what they return and what they leave.
import { emails, label, outcome, scenario, userData } from '../scenario.ts'

export const writeScenarios = [
  scenario('createMany with skipDuplicates skips the duplicates and counts the rest', async ({ db }) => {
    const first = await db.user.create({ data: userData('first') })
    const { count } = await db.user.createMany({
      data: [userData('a'), { ...userData('dup'), email: first.email }, userData('b')],
      skipDuplicates: true,
    })
    const duplicate = await outcome(() =>
      db.user.createMany({ data: [userData('c'), { ...userData('dup'), email: first.email }] }),
    )
    return { count, duplicate, committed: await emails(db) }
  }),

  scenario('createManyAndReturn returns the rows it created', async ({ db }) => {
    const rows = await db.user.createManyAndReturn({
      data: [userData('a'), userData('b')],
      select: { email: true, isActive: true },
    })
    return { rows: rows.map((r) => ({ ...r, email: label(r.email) })), committed: await emails(db) }
  }),

  scenario('updateManyAndReturn returns the rows it changed, in a transaction too', async ({ db }) => {
    await db.user.createMany({ data: [userData('a'), userData('b'), userData('c')] })
    const plain = await db.user.updateManyAndReturn({
      where: { fullName: { in: ['a', 'b'] } },
      data: { isVerified: true },
      select: { fullName: true, isVerified: true },
    })
    const inTransaction = await db.$transaction((tx) =>
      tx.user.updateManyAndReturn({
        where: { fullName: 'c' },
        data: { isActive: false },
        select: { fullName: true },
      }),
    )
    const users = await db.user.findMany({
      select: { fullName: true, isActive: true, isVerified: true },
      orderBy: { fullName: 'asc' },
    })
    return { plain: plain.sort((x, y) => x.fullName.localeCompare(y.fullName)), inTransaction, users }
  }),

  scenario('upsert creates, then updates', async ({ db }) => {
    const data = userData('upsert')
    const created = await db.user.upsert({
      where: { email: data.email },
      create: data,
      update: { fullName: 'updated' },
    })
    const updated = await db.user.upsert({
      where: { email: data.email },
      create: data,
      update: { fullName: 'updated' },
    })
    return {
      created: created.fullName,
      updated: updated.fullName,
      sameRow: created.id === updated.id,
      users: await db.user.count(),
    }
  }),

  scenario('raw queries read and write, with parameters, in and out of transactions', async ({ db }) => {
    const inserted =
      await db.$executeRaw`INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), ${'Raw'}, ${'raw'}, now())`
    const rows = await db.$queryRaw<{ slug: string }[]>`SELECT slug FROM organizations WHERE name = ${'Raw'}`
    const updated = await db.$transaction(async (tx) => {
      const changed = await tx.$executeRawUnsafe(
        'UPDATE organizations SET name = $1 WHERE slug = $2',
        'Renamed',
        'raw',
      )
      return { changed, seen: await tx.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM organizations') }
    })
    return { inserted, rows, updated }
  }),

  scenario('a raw syntax error outside a transaction rejects and the next query works', async ({ db }) => {
    const syntax = await outcome(() => db.$queryRawUnsafe('SELEC 1'))
    const missing = await outcome(() => db.$executeRawUnsafe('UPDATE no_such_table SET x = 1'))
    return { syntax, missing, afterwards: await db.$queryRaw`SELECT 2 AS two` }
  }),

  // Statements outside a transaction run under a savepoint that is renewed only after writes
  // (isolation/pure-read.ts): what a failing statement undoes must still be itself alone.
  scenario('a write, reads, then a failing statement: the write and the reads stand', async ({ db }) => {
    const written = await db.user.create({ data: userData('written') })
    const seen = await db.user.count()
    const failed = await outcome(() => db.$queryRawUnsafe(`SELECT 'not-a-uuid'::uuid`))
    const duplicate = await outcome(() =>
      db.user.create({ data: { ...userData('dup'), email: written.email } }),
    )
    return { seen, failed, duplicate, committed: await emails(db) }
  }),

  scenario(
    'a SELECT of a function that writes, then a failing statement: the function’s write stands',
    async ({ db }) => {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION tk_add_user(e text) RETURNS int LANGUAGE sql AS $$
         INSERT INTO users (id, email, full_name, password_hash, updated_at)
         VALUES (gen_random_uuid(), e, 'Fn', 'x', now()) RETURNING 1 $$`,
      )
      const called = await db.$queryRawUnsafe(`SELECT tk_add_user('fn@example.com') AS one`)
      const failed = await outcome(() =>
        db.user.create({ data: { ...userData('dup'), email: 'fn@example.com' } }),
      )
      return { called, failed, committed: await emails(db) }
    },
  ),

  // Transaction mode names the statements it sends (a parse saved per repeat): a table changed
  // between two runs of the same query must still answer as production does.
  scenario(
    'the same queries before and after a column is added to their table answer as before',
    async ({ db }) => {
      await db.user.create({ data: userData('before') })
      const star = () => db.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM users ORDER BY email')
      const named = () => db.user.findMany({ select: { email: true }, orderBy: { email: 'asc' } })
      const [starBefore, namedBefore] = [await star(), await named()]
      await db.$executeRawUnsafe(`ALTER TABLE users ADD COLUMN nickname text DEFAULT 'nick'`)
      const [starAfter, namedAfter] = [await outcome(star), await outcome(named)]
      const columns = (rows: unknown) => Object.keys((rows as Record<string, unknown>[])[0] ?? {}).sort()
      return {
        before: [columns(starBefore), namedBefore.length],
        after: [
          'ok' in starAfter ? columns(starAfter.ok) : starAfter,
          'ok' in namedAfter ? namedAfter.ok.length : namedAfter,
        ],
      }
    },
  ),
]
