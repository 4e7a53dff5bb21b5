import { describe } from 'vitest'
import { DEFAULT_PASSWORD, expect, test, testConfig } from '../../kit.ts'

describe('POST /auth/login', () => {
  test('is rate-limited per address and email after the configured attempts', async ({ api, factories }) => {
    const user = await factories.user.create()
    const attempt = (email: string, password: string) =>
      api.anonymous().post('/auth/login', { body: { email, password } })
    for (let i = 0; i < testConfig.loginRateLimit.max; i++) {
      ;(await attempt(user.email, 'wrong password 1')).expectError(401, 'TK_INVALID_CREDENTIALS')
    }
    const limited = await attempt(user.email, DEFAULT_PASSWORD)
    limited.expectError(429, 'TK_RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // Another account from the same address is not locked out.
    const other = await factories.user.create()
    ;(await attempt(other.email, DEFAULT_PASSWORD)).expectStatus(200)
  })

  test('counts the attempts of one email in any case together', async ({ api, factories }) => {
    const user = await factories.user.create()
    for (let i = 0; i < testConfig.loginRateLimit.max; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email
      await api.anonymous().post('/auth/login', { body: { email, password: 'wrong password 1' } })
    }
    const res = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: DEFAULT_PASSWORD } })
    res.expectError(429, 'TK_RATE_LIMITED')
  })
})

describe('responses', () => {
  test('never carry a password hash', async ({ api, factories }) => {
    const user = await factories.user.create()
    const signup = await api.anonymous().post('/auth/signup', {
      body: { email: 'fresh@example.com', password: 'a long passphrase 9', fullName: 'Fresh' },
    })
    const login = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: DEFAULT_PASSWORD } })
    const me = await api.get('/me')
    for (const res of [signup, login, me]) {
      expect(res.text).not.toMatch(/passwordHash|scrypt\$/)
    }
  })
})
