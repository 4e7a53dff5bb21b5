import { describe } from 'vitest'
import { DEFAULT_PASSWORD, expect, test, unchecked } from '../../kit.ts'

const valid = { email: 'someone@example.com', password: 'a long passphrase 9', fullName: 'Someone' }

describe('POST /auth/signup', () => {
  test.for(['dup@example.com', 'DUP@EXAMPLE.COM', 'Dup@Example.Com'])(
    'refuses %s when dup@example.com exists (TK_EMAIL_TAKEN)',
    async (email, { api, factories }) => {
      await factories.user.create({ email: 'dup@example.com' })
      const res = await api.anonymous().post('/auth/signup', { body: { ...valid, email } })
      res.expectError(409, 'TK_EMAIL_TAKEN')
    },
  )

  test.for([
    ['shorter than 10 characters', 'Short1!'],
    ['of one character class', 'onlylowercaseletters'],
    ['too common', 'password123'],
    ['containing the email', 'someone-2024-x'],
  ] as const)('refuses a password %s (TK_WEAK_PASSWORD)', async ([, password], { api }) => {
    const res = await api.anonymous().post('/auth/signup', { body: { ...valid, password } })
    const error = res.expectError(400, 'TK_WEAK_PASSWORD')
    expect(error.message).toMatch(/^body\.password /)
  })

  test.for([
    ['a missing field', { email: valid.email, password: valid.password }, 'body.fullName'],
    ['a wrong type', { ...valid, email: 42 }, 'body.email'],
    ['an unknown field', { ...valid, isActive: false }, 'body.isActive'],
    ['an unknown privileged field', { ...valid, isVerified: true }, 'body.isVerified'],
    ['an invalid email', { ...valid, email: 'not-an-email' }, 'body.email'],
    ['a huge email', { ...valid, email: `${'a'.repeat(300)}@example.com` }, 'body.email'],
    ['a huge password', { ...valid, password: 'aB1'.repeat(5000) }, 'body.password'],
    ['a huge name', { ...valid, fullName: 'x'.repeat(201) }, 'body.fullName'],
    ['an empty name', { ...valid, fullName: '' }, 'body.fullName'],
    ['an array body', [valid], 'body'],
  ] as const)(
    'answers 400 TK_VALIDATION_FAILED naming the field for %s',
    async ([, body, field], { api }) => {
      const res = await api.anonymous().post('/auth/signup', { body: unchecked(body) })
      const error = res.expectError(400, 'TK_VALIDATION_FAILED')
      expect(
        error.fields?.map((f) => f.field),
        res.text,
      ).toContain(field)
      expect(error.message).toContain(field)
    },
  )

  test('answers 400 TK_INVALID_JSON for a malformed body', async ({ api }) => {
    const res = await api.anonymous().request({
      method: 'POST',
      url: '/auth/signup',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    })
    res.expectError(400, 'TK_INVALID_JSON')
  })

  test.for([
    ['text/plain', JSON.stringify(valid)],
    ['text/plain; charset=utf-8', 'email=a@b.c'],
    ['application/x-www-form-urlencoded', 'email=a@b.c'],
    ['application/xml', '<signup><email>a@b.c</email></signup>'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\ncontent-disposition: form-data; name="email"\r\n\r\na@b.c\r\n--x--',
    ],
    ['application/octet-stream', 'email=a@b.c'],
    ['application/vnd.api+json', JSON.stringify(valid)],
  ])('answers 415 TK_UNSUPPORTED_MEDIA_TYPE for a %s body', async ([contentType, payload], { api }) => {
    const res = await api.anonymous().request({
      method: 'POST',
      url: '/auth/signup',
      payload,
      headers: { 'content-type': contentType },
    })
    res.expectError(415, 'TK_UNSUPPORTED_MEDIA_TYPE')
  })

  test('accepts application/json with a charset parameter', async ({ api }) => {
    const res = await api.anonymous().request({
      method: 'POST',
      url: '/auth/signup',
      payload: JSON.stringify(valid),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    res.expectStatus(201)
  })

  test('answers 413 TK_PAYLOAD_TOO_LARGE for a body over 1 MiB', async ({ api }) => {
    const res = await api
      .anonymous()
      .post('/auth/signup', { body: unchecked({ ...valid, fullName: 'x'.repeat(1_100_000) }) })
    res.expectError(413, 'TK_PAYLOAD_TOO_LARGE')
  })
})

describe('POST /auth/login', () => {
  test('gives the same answer for an unknown email and a wrong password', async ({ api, factories }) => {
    const user = await factories.user.create()
    const unknown = await api.anonymous().post('/auth/login', {
      body: { email: 'nobody@example.com', password: DEFAULT_PASSWORD },
    })
    const wrong = await api.anonymous().post('/auth/login', {
      body: { email: user.email, password: 'not the password 1' },
    })
    const a = unknown.expectError(401, 'TK_INVALID_CREDENTIALS')
    const b = wrong.expectError(401, 'TK_INVALID_CREDENTIALS')
    expect(a.message).toBe(b.message)
  })

  test('refuses an inactive user with TK_ACCOUNT_DISABLED, only once the password is right', async ({
    api,
    factories,
  }) => {
    const user = await factories.user.with('inactive').create()
    const right = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: DEFAULT_PASSWORD } })
    right.expectError(403, 'TK_ACCOUNT_DISABLED')
    const wrong = await api
      .anonymous()
      .post('/auth/login', { body: { email: user.email, password: 'wrong password 1' } })
    wrong.expectError(401, 'TK_INVALID_CREDENTIALS')
  })

  test.for([
    ['a missing password', { email: 'a@example.com' }, 'body.password'],
    ['an empty password', { email: 'a@example.com', password: '' }, 'body.password'],
    ['an unknown field', { email: 'a@example.com', password: 'x', remember: true }, 'body.remember'],
  ] as const)('answers 400 naming the field for %s', async ([, body, field], { api }) => {
    const res = await api.anonymous().post('/auth/login', { body: unchecked(body) })
    const error = res.expectError(400, 'TK_VALIDATION_FAILED')
    expect(error.fields?.map((f) => f.field)).toEqual([field])
  })
})
