// create()/createList()/createTenant() against the test's database (transaction isolation): what
// is stored, associations, hooks, the ambient tenant, and both insert strategies.

import { DEFAULT_PASSWORD, verifyPassword } from '@tenantkit/db/factories'
import { describe } from 'vitest'
import { TenantMixError } from '../../src/factories/index.ts'
import { createFactories, expect, test } from '../kit.ts'

describe('create', () => {
  test('stores a membership with the user and organization it made', async ({ db, factories }) => {
    const membership = await factories.membership.create()
    const stored = await db.membership.findUniqueOrThrow({
      where: { id: membership.id },
      include: { user: true, organization: true },
    })
    expect(stored).toMatchObject({ ...membership, role: 'OWNER' })
    expect(stored.user.isVerified).toBe(true)
    expect(await db.organization.count()).toBe(1)
  })

  test('returns exactly the rows the database holds, for every column', async ({ db, factories }) => {
    const item = await factories.contentItem.with('scheduled').create({ tags: ['news', 'how-to'] })
    const event = await factories.auditEvent
      .with('byMember')
      .create({ data: { before: 1, after: [2, null] } })
    expect(await db.contentItem.findUniqueOrThrow({ where: { id: item.id } })).toEqual(item)
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event)
  })

  test('createList takes a count, a list of overrides or per-index overrides', async ({ db, factories }) => {
    const org = await factories.organization.create()
    const three = await factories.membership.with('admin').createList(3, { organization: org })
    const named = await factories.user.createList([{ fullName: 'Ann Lee' }, { fullName: 'Bo Kim' }])
    const posts = await factories.contentItem.createList(2, (i) => ({
      organization: org,
      title: `Post ${i}`,
    }))
    expect(three.map((m) => m.role)).toEqual(['ADMIN', 'ADMIN', 'ADMIN'])
    expect(named.map((u) => u.fullName)).toEqual(['Ann Lee', 'Bo Kim'])
    expect(posts.map((p) => p.title)).toEqual(['Post 0', 'Post 1'])
    expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(5) // + the 2 authors
  })

  test('lists newest first in creation order, even for rows of one INSERT', async ({ db, factories }) => {
    const org = await factories.organization.create()
    const items = await factories.contentItem.createList(20, { organization: org })
    const newestFirst = await db.contentItem.findMany({
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    })
    expect(newestFirst.map((i) => i.id)).toEqual(items.map((i) => i.id).reverse())
  })

  test('lets a user created with a password log in with it, others with the default', async ({
    factories,
  }) => {
    const [mine, theirs] = await factories.user.createList([{ password: 'hunter2hunter2' }, {}])
    expect(await verifyPassword('hunter2hunter2', mine?.passwordHash ?? '')).toBe(true)
    expect(await verifyPassword(DEFAULT_PASSWORD, theirs?.passwordHash ?? '')).toBe(true)
  })

  test('runs after-create hooks with the stored row, in its organization', async ({ db, factories }) => {
    const seen: string[] = []
    const org = await factories.organization
      .afterCreate(async (row, { factories: f }) => {
        seen.push(row.id)
        // has-many through a hook: no organization given, the hook runs in this one.
        await f.auditEvent.create({
          action: 'organization.created',
          targetType: 'organization',
          targetId: row.id,
        })
      })
      .create()
    expect(seen).toEqual([org.id])
    expect(await db.auditEvent.findMany({ select: { organizationId: true, action: true } })).toEqual([
      { organizationId: org.id, action: 'organization.created' },
    ])
  })

  test('plans has-many children from transient params into the same batch', async ({ db, factories }) => {
    const org = await factories.organization.with('withOwner').create({ members: 3, content: 6 })
    const roles = await db.membership.groupBy({ by: ['role'], _count: true, orderBy: { role: 'asc' } })
    expect(roles.map((r) => [r.role, r._count])).toEqual([
      ['OWNER', 1],
      ['MEMBER', 3],
    ])
    const authors = await db.contentItem.findMany({
      where: { organizationId: org.id },
      select: { authorId: true },
    })
    expect(authors).toHaveLength(6)
    expect(new Set(authors.map((a) => a.authorId)).size).toBe(3)
  })
})

describe('createTenant', () => {
  test('makes the organization, owner, members by role and content, ready to use', async ({
    db,
    factories,
  }) => {
    const tenant = await factories.createTenant({
      members: { ADMIN: 2, MEMBER: 5 },
      content: { PUBLISHED: 3, DRAFT: 2 },
    })
    expect(tenant.owner.role).toBe('OWNER')
    expect(tenant.members).toHaveLength(7)
    expect(tenant.byRole.ADMIN).toHaveLength(2)
    expect(tenant.content.map((c) => c.status)).toEqual([
      'PUBLISHED',
      'PUBLISHED',
      'PUBLISHED',
      'DRAFT',
      'DRAFT',
    ])
    const memberships = await db.membership.findMany({ where: { organizationId: tenant.organization.id } })
    expect(memberships).toHaveLength(8)
    for (const member of [tenant.owner, ...tenant.members]) {
      expect(member.membership.userId).toBe(member.user.id)
      expect(member.membership.role).toBe(member.role)
    }
    expect(await db.contentItem.count({ where: { organizationId: tenant.organization.id } })).toBe(5)
  })

  test('takes user columns for named members', async ({ factories }) => {
    const tenant = await factories.createTenant({
      owner: { email: 'boss@acme.test' },
      members: { VIEWER: [{ email: 'read.only@acme.test' }] },
    })
    expect(tenant.owner.user.email).toBe('boss@acme.test')
    expect(tenant.byRole.VIEWER[0]?.user.email).toBe('read.only@acme.test')
  })
})

describe('tenant.run', () => {
  test('creates every tenant-owned row in the ambient organization', async ({ db, factories }) => {
    const { organization } = await factories.createTenant()
    await factories.tenant.run(organization, async () => {
      await factories.membership.with('viewer').create()
      await factories.contentItem.createList(3)
      await factories.auditEvent.create()
    })
    const orgs = await db.contentItem.findMany({
      distinct: ['organizationId'],
      select: { organizationId: true },
    })
    expect(orgs).toEqual([{ organizationId: organization.id }])
    expect(await db.organization.count()).toBe(1)
  })

  test('rejects a graph that would mix two organizations, before writing anything', async ({
    db,
    factories,
  }) => {
    const acme = await factories.createTenant()
    const globex = await factories.createTenant()
    const before = await db.contentItem.count()
    await expect(
      factories.tenant.run(acme.organization, () =>
        factories.contentItem.createList([{}, { organization: globex.organization }]),
      ),
    ).rejects.toThrow(TenantMixError)
    await expect(
      factories.contentItem.create({ organization: acme.organization, author: globex.owner.user }),
    ).rejects.toThrow(/member of organization .* only, not of the row's organization/)
    expect(await db.contentItem.count()).toBe(before)
  })
})

describe('insert strategies', () => {
  test('explain an id collision between two sets of factories with one seed', async ({ db }) => {
    await createFactories(db, { seed: 5 }).organization.create()
    await expect(createFactories(db, { seed: 5 }).organization.create()).rejects.toThrow(
      /Ids come from the faker seed \(5\), so two sets of factories with the same seed make the same ids/,
    )
  })

  test("insert: 'sql' stores the same rows as createManyAndReturn, every column included", async ({ db }) => {
    const rows = async (insert: 'sql' | 'createManyAndReturn') => {
      const f = createFactories(db, { seed: insert === 'sql' ? 7 : 8, insert })
      const tenant = await f.createTenant({
        members: { ADMIN: 1, VIEWER: 1 },
        content: { SCHEDULED: 2, PUBLISHED: 1 },
      })
      const event = await f.auditEvent
        .with('byMember')
        .create({ organization: tenant.organization, data: null })
      const listed = await f.auditEvent.createList(2, {
        organization: tenant.organization,
        data: { nested: [1] },
      })
      return { tenant, events: [event, ...listed] }
    }
    for (const insert of ['sql', 'createManyAndReturn'] as const) {
      const { tenant, events } = await rows(insert)
      const id = tenant.organization.id
      expect(await db.organization.findUniqueOrThrow({ where: { id } })).toEqual(tenant.organization)
      expect(
        await db.contentItem.findMany({ where: { organizationId: id }, orderBy: { createdAt: 'asc' } }),
      ).toEqual(tenant.content)
      const people = [tenant.owner, ...tenant.members]
      const users = await db.user.findMany({ where: { id: { in: people.map((m) => m.user.id) } } })
      expect(users).toEqual(expect.arrayContaining(people.map((m) => m.user)))
      const memberships = await db.membership.findMany({
        where: { id: { in: people.map((m) => m.membership.id) } },
      })
      expect(memberships).toEqual(expect.arrayContaining(people.map((m) => m.membership)))
      expect(
        await db.auditEvent.findMany({ where: { organizationId: id }, orderBy: { createdAt: 'asc' } }),
      ).toEqual(events)
    }
  })
})
