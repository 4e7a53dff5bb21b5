import { describe } from 'vitest'
import { verifyPassword } from '../../../src/services/passwords.ts'
import { DEFAULT_PASSWORD, expect, test, testConfig } from '../../kit.ts'

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
})
