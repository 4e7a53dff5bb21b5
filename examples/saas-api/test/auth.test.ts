// Login and /me: the app signs its own token, and the token it signs opens the API.
import { hashPassword } from '../src/lib/password.ts'
import { expect, test } from './kit.ts'

test('login with the right password gives a token that opens /me', async ({ api, factories, org }) => {
  const user = await factories.user.create({
    email: 'grace@example.com',
    passwordHash: await hashPassword('correct horse battery'),
  })
  await factories.membership.create({ user, organization: org, role: 'VIEWER' })

  const { token } = (
    await api.anonymous().post('/auth/login', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    })
  ).expectStatus(200) as { token: string }
  const me = (
    await api.anonymous().get('/me', { headers: { authorization: `Bearer ${token}` } })
  ).expectStatus(200)

  expect(me).toMatchObject({ id: user.id, organizations: [{ slug: org.slug, role: 'VIEWER' }] })
})

test('a wrong password is refused', async ({ api, factories }) => {
  await factories.user.create({ email: 'alan@example.com', passwordHash: await hashPassword('s3cret-pass') })
  const response = await api.anonymous().post('/auth/login', {
    body: { email: 'alan@example.com', password: 'not-the-password' },
  })
  response.expectError(401, 'INVALID_CREDENTIALS')
})

test('/me needs a token', async ({ api }) => {
  ;(await api.anonymous().get('/me')).expectError(401, 'UNAUTHENTICATED')
})
