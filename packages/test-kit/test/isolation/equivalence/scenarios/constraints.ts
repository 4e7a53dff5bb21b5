// Unique, check and foreign-key violations, inside and outside transactions; cascades; deferred
// constraints.
import { emails, outcome, scenario, userData } from '../scenario.ts'

const org = (slug: string) => ({ name: slug, slug })

export const constraintScenarios = [
  scenario(
    'a unique violation outside a transaction rejects with P2002 and the next query works',
    async ({ db }) => {
      const first = await db.user.create({ data: userData('first') })
      const result = await outcome(() => db.user.create({ data: { ...userData('dup'), email: first.email } }))
      await db.user.create({ data: userData('after') })
      return { result, committed: await emails(db) }
    },
  ),

  scenario('a unique violation inside a transaction rejects it and rolls it back', async ({ db }) => {
    const first = await db.user.create({ data: userData('first') })
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: userData('rolled-back') })
        await tx.user.create({ data: { ...userData('dup'), email: first.email } })
      }),
    )
    return { result, committed: await emails(db) }
  }),

  scenario('a check violation outside a transaction rejects and changes nothing', async ({ db }) => {
    const result = await outcome(() => db.organization.create({ data: org('Not A Slug') }))
    const lower = await outcome(() =>
      db.user.create({ data: { ...userData('x'), email: 'UPPER@example.com' } }),
    )
    return { result, lower, organizations: await db.organization.count(), committed: await emails(db) }
  }),

  scenario('a check violation inside a transaction rejects it and rolls it back', async ({ db }) => {
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.organization.create({ data: org('good') })
        await tx.organization.create({ data: org('Bad Slug') })
      }),
    )
    return { result, organizations: await db.organization.count() }
  }),

  scenario('a foreign-key violation outside a transaction rejects with P2003', async ({ db }) => {
    const organization = await db.organization.create({ data: org('acme') })
    const result = await outcome(() =>
      db.membership.create({
        data: { organizationId: organization.id, userId: '00000000-0000-4000-8000-000000000000' },
      }),
    )
    return { result, memberships: await db.membership.count() }
  }),

  scenario('a foreign-key violation inside a transaction rejects it and rolls it back', async ({ db }) => {
    const result = await outcome(() =>
      db.$transaction(async (tx) => {
        const organization = await tx.organization.create({ data: org('acme') })
        await tx.membership.create({
          data: { organizationId: organization.id, userId: '00000000-0000-4000-8000-000000000000' },
        })
      }),
    )
    return { result, organizations: await db.organization.count() }
  }),

  scenario('a nested write that fails midway creates nothing', async ({ db }) => {
    const result = await outcome(() =>
      db.organization.create({
        data: {
          ...org('acme'),
          memberships: { create: { user: { connect: { id: '00000000-0000-4000-8000-000000000000' } } } },
        },
      }),
    )
    return { result, organizations: await db.organization.count() }
  }),

  scenario('deleting an organization cascades to memberships, content and audit events', async ({ db }) => {
    const user = await db.user.create({ data: userData('owner') })
    const organization = await db.organization.create({
      data: {
        ...org('acme'),
        memberships: { create: { userId: user.id, role: 'OWNER' } },
        content: { create: { authorId: user.id, title: 'Hi', slug: 'hi' } },
        auditEvents: { create: { actorId: user.id, action: 'x', targetType: 't', targetId: '1' } },
      },
    })
    await db.organization.delete({ where: { id: organization.id } })
    return {
      memberships: await db.membership.count(),
      content: await db.contentItem.count(),
      audit: await db.auditEvent.count(),
      users: await db.user.count(),
    }
  }),

  scenario("deleting a user sets their audit events' actor to null and keeps the events", async ({ db }) => {
    const user = await db.user.create({ data: userData('actor') })
    const organization = await db.organization.create({ data: org('acme') })
    await db.auditEvent.create({
      data: {
        organizationId: organization.id,
        actorId: user.id,
        action: 'x',
        targetType: 't',
        targetId: '1',
      },
    })
    await db.user.delete({ where: { id: user.id } })
    const events = await db.auditEvent.findMany({ select: { actorId: true, action: true } })
    return { events }
  }),

  scenario('deleting an author of content is restricted, inside a transaction too', async ({ db }) => {
    const user = await db.user.create({ data: userData('author') })
    const organization = await db.organization.create({ data: org('acme') })
    await db.contentItem.create({
      data: { organizationId: organization.id, authorId: user.id, title: 'T', slug: 't' },
    })
    const plain = await outcome(() => db.user.delete({ where: { id: user.id } }))
    const inTransaction = await outcome(() =>
      db.$transaction(async (tx) => {
        await tx.organization.update({ where: { id: organization.id }, data: { name: 'renamed' } })
        await tx.user.delete({ where: { id: user.id } })
      }),
    )
    const { name } = await db.organization.findUniqueOrThrow({ where: { id: organization.id } })
    return { plain, inTransaction, name, users: await db.user.count() }
  }),

  scenario(
    'a deferred foreign key is checked at COMMIT',
    async ({ db }) => {
      await db.$executeRawUnsafe(
        'CREATE TABLE eq_deferred (id int PRIMARY KEY, parent int REFERENCES eq_deferred (id) DEFERRABLE INITIALLY DEFERRED)',
      )
      const result = await outcome(() =>
        db.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO eq_deferred (id, parent) VALUES (1, 999)`
          return 'inserted'
        }),
      )
      const [{ rows } = { rows: -1 }] = await db.$queryRaw<
        { rows: number }[]
      >`SELECT count(*)::int AS rows FROM eq_deferred`
      return { result, rows }
    },
    { id: 'deferred-constraints', inTransactionMode: () => ({ result: { ok: 'inserted' }, rows: 1 }) },
  ),
]
