import { describe, expectTypeOf } from 'vitest'
import { expect, test } from '../../kit.ts'

describe('GET /me', () => {
  test('returns the caller and their organizations with their roles, by name', async ({
    api,
    user,
    org,
    factories,
  }) => {
    // Digits sort before letters under any collation.
    const other = await factories.organization.create({ name: '000 First' })
    await factories.membership.with('viewer').create({ user, organization: other })
    const body = (await api.get('/me')).expectStatus(200)
    expectTypeOf(body.user.email).toEqualTypeOf<string>()
    expect(body.user.id).toBe(user.id)
    expect(body.memberships).toEqual([
      { role: 'VIEWER', organization: { id: other.id, name: '000 First', slug: other.slug } },
      { role: 'OWNER', organization: { id: org.id, name: org.name, slug: org.slug } },
    ])
  })
})
