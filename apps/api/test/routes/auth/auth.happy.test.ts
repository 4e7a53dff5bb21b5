import { describe } from 'vitest'
import { verifyPassword } from '../../../src/services/passwords.ts'
import { DEFAULT_PASSWORD, expect, seedDemoData, test, testConfig } from '../../kit.ts'

describe('POST /auth/signup', () => {
  test('creates an active, unverified user with a lowercase email and returns a working token', async ({
    api,
  }) => {
    const res = await api.anonymous().post('/auth/signup', {
      body: { email: 'New.Person@Example.COM', password: 'a long passphrase 9', fullName: '  New Person ' },
    })
    const session = res.expectStatus(201)
    expect(session.user).toMatchObject({
      email: 'new.person@example.com',
      fullName: 'New Person',
      isActive: true,
      isVerified: false,
    })
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: testConfig.accessTokenTtlSeconds })

    const me = await api
      .anonymous()
      .get('/me', { headers: { authorization: `Bearer ${session.accessToken}` } })
    expect(me.expectStatus(200).user.id).toBe(session.user.id)
  })

  test('stores a scrypt hash of the password, never the password', async ({ api, db }) => {
    const password = 'a long passphrase 9'
    const res = await api.anonymous().post('/auth/signup', {
      body: { email: 'hash@example.com', password, fullName: 'Hash' },
    })
    const { user } = res.expectStatus(201)
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(stored.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(stored.passwordHash).not.toContain(password)
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true)
    expect(res.text).not.toContain('scrypt$')
  })
})

describe('POST /auth/login', () => {
  test('returns a token for the right password, whatever the case of the email', async ({
    api,
    factories,
  }) => {
    const user = await factories.user.create({ email: 'casey@example.com' })
    const res = await api.anonymous().post('/auth/login', {
      body: { email: 'Casey@Example.COM', password: DEFAULT_PASSWORD },
    })
    const session = res.expectStatus(200)
    expect(session.user.id).toBe(user.id)
    const me = await api
      .anonymous()
      .get('/me', { headers: { authorization: `Bearer ${session.accessToken}` } })
    expect(me.expectStatus(200).user.email).toBe('casey@example.com')
  })

  test('lets an unverified user in', async ({ api, factories }) => {
    const user = await factories.user.with('unverified').create()
    const res = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: DEFAULT_PASSWORD } })
    expect(res.expectStatus(200).user.isVerified).toBe(false)
  })

  test('accepts the password a user was created with, and not the default one', async ({
    api,
    factories,
  }) => {
    const password = 'correct horse battery 9'
    const user = await factories.user.create({ password })
    const res = await api.anonymous().post('/auth/login', { body: { email: user.email, password } })
    expect(res.expectStatus(200).user.id).toBe(user.id)
    const fallback = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: DEFAULT_PASSWORD } })
    fallback.expectError(401, 'TK_INVALID_CREDENTIALS')
  })

  test('signs every member of a tenant in with the tenant’s password, into their role', async ({
    api,
    factories,
  }) => {
    const password = 'tenant pass 42!'
    const tenant = await factories.createTenant({ members: { ADMIN: 1, MEMBER: 1, VIEWER: 1 }, password })
    const { id, name, slug } = tenant.organization
    for (const { user, role } of [tenant.owner, ...tenant.members]) {
      const login = await api.anonymous().post('/auth/login', { body: { email: user.email, password } })
      const { accessToken } = login.expectStatus(200)
      const me = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${accessToken}` } })
      expect(me.expectStatus(200).memberships, me.text).toEqual([{ role, organization: { id, name, slug } }])
    }
  })
})

describe('the demo data of pnpm db:seed', () => {
  test('signs each demo login in, into its organization with its role', async ({ api, db }) => {
    const demo = await seedDemoData(db)
    expect(demo.created).toBe(true)
    for (const { email, organization, role } of demo.logins) {
      const login = await api.anonymous().post('/auth/login', { body: { email, password: demo.password } })
      const { accessToken } = login.expectStatus(200)
      const me = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${accessToken}` } })
      expect(
        me.expectStatus(200).memberships.map((m) => [m.organization.slug, m.role]),
        me.text,
      ).toContainEqual([organization, role])
    }
  })
})
