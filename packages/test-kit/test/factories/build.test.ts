// build(): complete rows without a database — ids, timestamps, foreign keys, traits, lazy and
// transient attributes, sequences — and the errors a wrong call gets.
import { ContentStatus, MemberRole } from '@tenantkit/db'
import { DEFAULT_PASSWORD, verifyPassword } from '@tenantkit/db/factories'
import { describe, expect, test } from 'vitest'
import { FactoryUsageError, TenantMixError } from '../../src/factories/index.ts'
import { createFactories } from '../kit.ts'

const noDatabase = () => {
  throw new Error('build() must not touch the database')
}
const factories = (seed = 1) => createFactories(noDatabase, { seed })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

describe('build', () => {
  test('returns a full user row with id, timestamps and the default password hash', async () => {
    const user = factories().user.build()
    expect(user).toEqual({
      id: expect.stringMatching(UUID),
      email: expect.stringMatching(/^[a-z0-9.]+\.1-[a-z0-9]+@example\.com$/),
      fullName: expect.any(String),
      passwordHash: expect.stringMatching(/^scrypt\$1024\$8\$1\$/),
      isActive: true,
      isVerified: true,
      createdAt: expect.any(Date),
      updatedAt: user.createdAt,
    })
    expect(user.email).toBe(user.email.toLowerCase())
    expect(await verifyPassword(DEFAULT_PASSWORD, user.passwordHash)).toBe(true)
  })

  test('gives organizations slugs that satisfy the CHECK constraint', () => {
    const f = factories()
    for (const name of ['Hills, Kuhn & Co.', 'Ünïcode Gmbh', '---', 'A']) {
      expect(f.organization.build({ name }).slug).toMatch(SLUG)
    }
  })

  test('lets overrides win over defaults and traits, and derives lazy attributes from them', () => {
    const f = factories()
    const user = f.user.with('inactive').build({ fullName: "Dr. Ava O'Neil", isActive: true })
    expect(user.isActive).toBe(true)
    expect(user.email).toMatch(/^dr\.ava\.oneil\.1-/)
    const org = f.organization.build({ name: 'Acme Rockets' })
    expect(org.slug).toMatch(/^acme-rockets-1-/)
  })

  test('makes a membership its own user and organization, as owner', () => {
    const f = factories()
    const membership = f.membership.build()
    expect(membership.userId).toMatch(UUID)
    expect(membership.organizationId).toMatch(UUID)
    expect(membership.role).toBe(MemberRole.OWNER)
  })

  test('makes a membership of a given organization a MEMBER, and accepts relations as rows', () => {
    const f = factories()
    const organization = f.organization.build()
    const user = f.user.build()
    const membership = f.membership.build({ organization, user })
    expect(membership).toMatchObject({ organizationId: organization.id, userId: user.id, role: 'MEMBER' })
  })

  test('has a trait for every MemberRole and ContentStatus', () => {
    const f = factories()
    for (const role of Object.values(MemberRole)) {
      const trait = role.toLowerCase() as Lowercase<MemberRole>
      expect(f.membership.with(trait).build().role).toBe(role)
    }
    for (const status of Object.values(ContentStatus)) {
      const trait = status.toLowerCase() as Lowercase<ContentStatus>
      expect(f.contentItem.with(trait).build().status).toBe(status)
    }
  })

  test('keeps publishAt and publishedAt consistent with the status, however it is set', () => {
    const f = factories()
    const draft = f.contentItem.build()
    expect([draft.status, draft.publishAt, draft.publishedAt]).toEqual(['DRAFT', null, null])
    const scheduled = f.contentItem.with('scheduled').build()
    expect(scheduled.publishAt?.getTime()).toBeGreaterThan(scheduled.createdAt.getTime())
    const published = f.contentItem.build({ status: 'PUBLISHED' })
    expect(published.publishedAt).toEqual(published.createdAt)
    expect(f.contentItem.with('untagged').build().tags).toEqual([])
  })

  test('accepts createList-style counts, override lists and per-index overrides', () => {
    const f = factories()
    expect(f.user.buildList(3)).toHaveLength(3)
    expect(f.user.buildList([{ fullName: 'A B' }, { fullName: 'C D' }]).map((u) => u.fullName)).toEqual([
      'A B',
      'C D',
    ])
    const items = f.contentItem.buildList(3, (i) => ({ title: `Post ${i}` }))
    expect(items.map((item) => item.title)).toEqual(['Post 0', 'Post 1', 'Post 2'])
  })

  test('numbers sequences and ticks createdAt so that creation order is createdAt order', () => {
    const f = factories()
    const users = f.user.buildList(5)
    const numbers = users.map((u) => Number(/\.(\d+)-/.exec(u.email)?.[1]))
    expect(numbers).toEqual([1, 2, 3, 4, 5])
    const times = users.map((u) => u.createdAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(new Set(times).size).toBe(5)
  })

  test('hashes an explicit password for real', async () => {
    const user = factories().user.build({ password: 'correct horse' })
    expect(await verifyPassword('correct horse', user.passwordHash)).toBe(true)
    expect(await verifyPassword(DEFAULT_PASSWORD, user.passwordHash)).toBe(false)
  })

  test('plans has-many children from transient params', () => {
    const graph = factories().buildTenant({ members: { ADMIN: 2, MEMBER: 5, VIEWER: 1 }, content: 4 })
    expect(graph.members.map((m) => m.role)).toEqual([
      'ADMIN',
      'ADMIN',
      'MEMBER',
      'MEMBER',
      'MEMBER',
      'MEMBER',
      'MEMBER',
      'VIEWER',
    ])
    expect(graph.byRole.OWNER).toEqual([graph.owner])
    expect(new Set(graph.content.map((c) => c.organizationId))).toEqual(new Set([graph.organization.id]))
    // Authors take turns: owner, then admins and members; viewers write nothing.
    const viewer = graph.byRole.VIEWER[0]?.user.id
    expect(graph.content.map((c) => c.authorId)).not.toContain(viewer)
    expect(graph.content[0]?.authorId).toBe(graph.owner.user.id)
  })
})

describe('tenant context', () => {
  test('puts tenant-owned rows built inside tenant.run in that organization', () => {
    const f = factories()
    const org = f.organization.build()
    const [item, membership, event] = f.tenant.run(org, () => [
      f.contentItem.build(),
      f.membership.build(),
      f.auditEvent.with('byMember').build(),
    ])
    expect(item?.organizationId).toBe(org.id)
    expect(membership?.organizationId).toBe(org.id)
    expect(event?.organizationId).toBe(org.id)
  })

  test('rejects a row of another organization inside tenant.run', () => {
    const f = factories()
    const acme = f.organization.build({ slug: 'acme' })
    const globex = f.organization.build({ slug: 'globex' })
    expect(() => f.tenant.run(acme, () => f.contentItem.build({ organization: globex }))).toThrow(
      TenantMixError,
    )
    expect(() => f.tenant.run(acme, () => f.contentItem.build({ organization: globex }))).toThrow(
      /contentItem\.organizationId is organization "globex" .* but it is made inside tenant\.run\(organization "acme"/,
    )
  })

  test('rejects nesting tenant.run for another organization', () => {
    const f = factories()
    const acme = f.organization.build()
    const globex = f.organization.build()
    expect(() => f.tenant.run(acme, () => f.tenant.run(globex, () => 1))).toThrow(TenantMixError)
    expect(f.tenant.run(acme, () => f.tenant.run(acme, () => 1))).toBe(1)
  })

  test('rejects an author whom the factories made a member of another organization only', () => {
    const f = factories()
    const acme = f.buildTenant()
    const globex = f.buildTenant()
    expect(() => f.contentItem.build({ organization: acme.organization, author: globex.owner.user })).toThrow(
      /contentItem\.authorId is user .* member of organization .* only/,
    )
    expect(() => f.auditEvent.build({ organization: acme.organization, actor: globex.owner.user })).toThrow(
      TenantMixError,
    )
    // A member of both is fine.
    f.membership.build({ user: globex.owner.user, organization: acme.organization })
    expect(f.contentItem.build({ organization: acme.organization, author: globex.owner.user }).authorId).toBe(
      globex.owner.user.id,
    )
  })

  test('gives a default author who is a member of the item organization', () => {
    const f = factories()
    const org = f.organization.build()
    const item = f.contentItem.build({ organization: org })
    // The author's membership was planned into the same graph: using them elsewhere is checked.
    const other = f.organization.build()
    expect(() => f.contentItem.build({ organization: other, authorId: item.authorId })).toThrow(
      TenantMixError,
    )
  })
})

describe('usage errors', () => {
  test('name the unknown override, trait or count', () => {
    const f = factories()
    expect(() => f.user.build({ nope: 1 } as never)).toThrow(/no column, relation or transient param "nope"/)
    expect(() => f.user.with('admin' as never).build()).toThrow(
      /no trait "admin". Its traits: inactive, unverified/,
    )
    expect(() => f.user.buildList(-1)).toThrow(FactoryUsageError)
  })

  test('reject a relation that disagrees with its id column', () => {
    const f = factories()
    const org = f.organization.build()
    expect(() => f.contentItem.build({ organization: org, organizationId: f.faker.string.uuid() })).toThrow(
      /organizationId is .* but the relation given with it has id/,
    )
  })
})
