import { describe } from 'vitest'
import { expect, test, testConfig } from '../../kit.ts'
import { forgeToken, nowSeconds } from '../../tokens.ts'

describe('GET /me', () => {
  test.for(['Token abc', 'Bearer', 'Bearer not.a.jwt', 'Basic dXNlcjpwYXNz'])(
    'answers 401 TK_UNAUTHENTICATED for the header "%s"',
    async (authorization, { api }) => {
      ;(await api.anonymous().get('/me', { headers: { authorization } })).expectError(
        401,
        'TK_UNAUTHENTICATED',
      )
    },
  )

  test('refuses a token signed with another secret', async ({ api, user }) => {
    const token = forgeToken({ sub: user.id, iat: nowSeconds() }, 'another-secret-of-the-same-length-1234567')
    const res = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${token}` } })
    res.expectError(401, 'TK_UNAUTHENTICATED')
  })

  test('refuses an unsigned token (alg none)', async ({ api, user }) => {
    const token = forgeToken({ sub: user.id, iat: nowSeconds() }, '', 'none')
    const res = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${token}` } })
    res.expectError(401, 'TK_UNAUTHENTICATED')
  })

  test('answers 401 TK_TOKEN_EXPIRED for an expired token', async ({ api, user }) => {
    const token = forgeToken(
      { sub: user.id, iat: nowSeconds() - 7200, exp: nowSeconds() - 60 },
      testConfig.jwtSecret,
    )
    const res = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${token}` } })
    res.expectError(401, 'TK_TOKEN_EXPIRED')
  })

  test.for([
    ['a deleted user', '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'],
    ['a subject that is not a uuid', "1' OR '1'='1"],
  ])('answers 401 for the token of %s', async ([, sub], { api }) => {
    const token = forgeToken({ sub, iat: nowSeconds() }, testConfig.jwtSecret)
    const res = await api.anonymous().get('/me', { headers: { authorization: `Bearer ${token}` } })
    res.expectError(401, 'TK_UNAUTHENTICATED')
  })

  test('answers 403 TK_ACCOUNT_DISABLED for the valid token of a deactivated user', async ({
    api,
    factories,
  }) => {
    const user = await factories.user.with('inactive').create()
    ;(await api.as(user).get('/me')).expectError(403, 'TK_ACCOUNT_DISABLED')
  })
})

describe('override mode', () => {
  test('runs the request as the chosen user without any token', async ({ api, factories }) => {
    const user = await factories.user.create()
    const client = api.withMode('override').as(user)
    expect(client.mode).toBe('override')
    expect((await client.get('/me')).expectStatus(200).user.id).toBe(user.id)
  })

  test('replaces the whole resolution, active check included, and is never the default', async ({
    api,
    factories,
  }) => {
    const inactive = await factories.user.with('inactive').create()
    expect(api.mode).toBe('token')
    ;(await api.as(inactive).get('/me')).expectError(403, 'TK_ACCOUNT_DISABLED')
    ;(await api.withMode('override').as(inactive).get('/me')).expectStatus(200)
    // An anonymous request in override mode still needs a token.
    ;(await api.withMode('override').anonymous().get('/me')).expectError(401, 'TK_UNAUTHENTICATED')
  })
})
