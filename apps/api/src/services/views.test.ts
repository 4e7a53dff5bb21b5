// Unit tests of the views (row → response body) on rows the factories build without a database:
// full rows with ids and timestamps, typed as Prisma returns them.
import type { AuditEvent, ContentItem, Membership, User } from '@tenantkit/db'
import { type AppFactories, appFactories } from '@tenantkit/db/factories'
import { createTestFactories } from '@tenantkit/test-kit/factories'
import { describe, expect, expectTypeOf, it, type TestContext } from 'vitest'
import { verifyPassword } from './passwords.ts'
import { auditEventView, contentView, memberView, userView } from './views.ts'

/** Factories that can only build: any write would reach this getter and fail the test. */
function buildOnly(context: TestContext): AppFactories {
  const noDatabase = () => {
    throw new Error('views are pure: these tests build rows and never touch a database')
  }
  return createTestFactories(noDatabase, appFactories, context)
}

describe('userView', () => {
  it('shows the profile with ISO dates and never the password hash', async (context) => {
    const user = buildOnly(context)
      .user.with('unverified')
      .build({ fullName: 'Ann Lee', password: 'ann-pass-42' })
    expectTypeOf(user).toEqualTypeOf<User>()
    const view = userView(user)
    expect(view).toEqual({
      id: user.id,
      email: user.email,
      fullName: 'Ann Lee',
      isActive: true,
      isVerified: false,
      createdAt: user.createdAt.toISOString(),
    })
    expect(view.email).toMatch(/^ann\.lee\./)
    expect(JSON.stringify(view)).not.toContain('scrypt$')
    // The factory's hash is in the API's format: the login route would accept this password.
    expect(await verifyPassword('ann-pass-42', user.passwordHash)).toBe(true)
  })
})

describe('memberView', () => {
  it('joins a membership with its user', (context) => {
    const factories = buildOnly(context)
    const user = factories.user.build()
    const membership = factories.membership.with('admin').build({ user })
    expectTypeOf(membership).toEqualTypeOf<Membership>()
    expect(memberView({ ...membership, user })).toEqual({
      id: membership.id,
      userId: user.id,
      email: user.email,
      fullName: user.fullName,
      role: 'ADMIN',
      createdAt: membership.createdAt.toISOString(),
    })
  })
})

describe('contentView', () => {
  it('gives ISO dates for the dates a status has, and null for the others', (context) => {
    const factories = buildOnly(context)
    const organization = factories.organization.build()
    const [draft, scheduled, published] = [
      factories.contentItem.with('draft').build({ organization }),
      factories.contentItem.with('scheduled').build({ organization }),
      factories.contentItem.with('published').build({ organization }),
    ]
    expectTypeOf(published).toEqualTypeOf<ContentItem>()
    expect(contentView(draft)).toMatchObject({ status: 'DRAFT', publishAt: null, publishedAt: null })
    expect(contentView(scheduled)).toMatchObject({
      status: 'SCHEDULED',
      publishAt: scheduled.publishAt?.toISOString(),
      publishedAt: null,
    })
    expect(contentView(published)).toMatchObject({
      organizationId: organization.id,
      status: 'PUBLISHED',
      publishAt: null,
      publishedAt: published.createdAt.toISOString(),
      tags: published.tags,
    })
  })
})

describe('auditEventView', () => {
  it('passes object data through and wraps any other JSON value', (context) => {
    const factories = buildOnly(context)
    const organization = factories.organization.build()
    const [object, list, none] = factories.auditEvent.buildList([
      { organization, data: { from: 'DRAFT', to: 'PUBLISHED' } },
      { organization, data: ['a', 'b'] },
      { organization, data: null },
    ])
    expectTypeOf(factories.auditEvent.build()).toEqualTypeOf<AuditEvent>()
    expect(object && auditEventView(object).data).toEqual({ from: 'DRAFT', to: 'PUBLISHED' })
    expect(list && auditEventView(list).data).toEqual({ value: ['a', 'b'] })
    expect(none && auditEventView(none).data).toEqual({ value: null })
  })
})
