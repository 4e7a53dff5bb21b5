import { describe, expect, expectTypeOf, it } from 'vitest'
import { createApiClient, unchecked } from '../../src/client/api-client.ts'
import { recordRoutes, routesOf } from '../../src/client/route-table.ts'
import { createDemoApp, routes } from './demo-app.ts'

const ORG_A = 'org-a'
const ORG_B = 'org-b'

async function setup(options: { leak?: boolean } = {}) {
  const demo = createDemoApp({ alice: ORG_A, bob: ORG_B }, options)
  recordRoutes(demo.app)
  await demo.app.ready()
  const api = createApiClient(demo.app, {
    routes,
    mintToken: (_app, user) => demo.sign(user.id),
    overrideCurrentUser: (_app, identityOf) => demo.setOverride((request) => identityOf(request)?.id),
  })
  return { ...demo, api }
}

describe('createApiClient', () => {
  it('sends requests as the user with a token from the app signer', async () => {
    const { api, app } = await setup()
    const res = await api.as({ id: 'alice' }).get('/whoami')
    expect(res.expectStatus(200)).toEqual({ user: 'alice' })
    expect((await api.anonymous().get('/whoami')).expectStatus(200)).toEqual({ user: null })
    await app.close()
  })

  it('types params, bodies and responses from the route schemas', async () => {
    const { api, app } = await setup()
    const alice = api.as({ id: 'alice' })
    const created = await alice.post('/orgs/:orgId/notes', { params: { orgId: ORG_A }, body: { text: 'hi' } })
    const note = created.expectStatus(201)
    expectTypeOf(note).toEqualTypeOf<{ id: string; orgId: string; text: string }>()
    expect(note).toMatchObject({ orgId: ORG_A, text: 'hi' })

    const listed = await alice.get('/orgs/:orgId/notes', { params: { orgId: ORG_A }, query: { limit: 5 } })
    expectTypeOf(listed.expectStatus(200).items).toEqualTypeOf<
      { id: string; orgId: string; text: string }[]
    >()
    expect(listed.expectStatus(200).items).toHaveLength(1)

    const denied = await api.as({ id: 'bob' }).get('/orgs/:orgId/notes', { params: { orgId: ORG_A } })
    expectTypeOf(denied.expectStatus(404)).toEqualTypeOf<{
      error: { code: string; message: string; requestId: string }
    }>()
    expect(denied.expectError(404, 'NOT_FOUND').code).toBe('NOT_FOUND')
    await app.close()
  })

  it('sends deliberately invalid input through unchecked()', async () => {
    const { api, app } = await setup()
    const alice = api.as({ id: 'alice' })
    const badBody = await alice.post('/orgs/:orgId/notes', {
      params: { orgId: ORG_A },
      body: unchecked({ note: 'no text' }),
    })
    expect(badBody.status).toBe(400)
    const badQuery = await alice.get('/orgs/:orgId/notes', {
      params: { orgId: ORG_A },
      query: unchecked({ limit: 'x' }),
    })
    expect(badQuery.status).toBe(400)
    // @ts-expect-error: the body does not match the route's schema
    await alice.post('/orgs/:orgId/notes', { params: { orgId: ORG_A }, body: { text: 1 } })
    // @ts-expect-error: the path is not a route of the app
    await alice.get('/nope')
    await app.close()
  })

  it('refuses a hand-set authorization header in authenticated mode', async () => {
    const { api, app } = await setup()
    // @ts-expect-error: authenticated clients own the authorization header
    const call = api.as({ id: 'alice' }).get('/whoami', { headers: { authorization: 'Bearer token:bob' } })
    await expect(call).rejects.toThrow(/sets the authorization header itself/)
    await expect(
      api.as({ id: 'alice' }).request({ method: 'GET', url: '/whoami', headers: { AUTHORIZATION: 'x' } }),
    ).rejects.toThrow(/api.anonymous\(\)/)
    const manual = await api.anonymous().get('/whoami', { headers: { authorization: 'Bearer token:bob' } })
    expect(manual.expectStatus(200)).toEqual({ user: 'bob' })
    await app.close()
  })

  it('replaces the current-user resolution in override mode only', async () => {
    const { api, app } = await setup()
    expect(api.mode).toBe('token')
    const overridden = api.withMode('override').as({ id: 'alice' })
    expect(overridden.mode).toBe('override')
    const res = await overridden.get('/whoami')
    expect(res.expectStatus(200)).toEqual({ user: 'alice' })
    // Token mode keeps working next to it.
    expect((await api.as({ id: 'bob' }).get('/whoami')).expectStatus(200)).toEqual({ user: 'bob' })
    await app.close()
  })

  it('explains what override mode needs when the config lacks it', async () => {
    const demo = createDemoApp({})
    await demo.app.ready()
    const api = createApiClient(demo.app, { routes, mintToken: () => 'x', mode: 'override' })
    await expect(api.as({ id: 'alice' }).get('/whoami')).rejects.toThrow(/overrideCurrentUser/)
    await demo.app.close()
  })

  it('names a missing path parameter', async () => {
    const { api, app } = await setup()
    // @ts-expect-error: params are required for this path
    await expect(api.as({ id: 'alice' }).get('/orgs/:orgId/notes')).rejects.toThrow(/params.orgId/)
    await app.close()
  })

  it('fails expectStatus with the response body in the message', async () => {
    const { api, app } = await setup()
    const res = await api.as({ id: 'bob' }).get('/orgs/:orgId/notes', { params: { orgId: ORG_A } })
    expect(() => res.expectStatus(200)).toThrow(/answered 404: .*NOT_FOUND/)
    expect(() => res.expectError(404, 'OTHER')).toThrow()
    await app.close()
  })
})

describe('route table', () => {
  it('records every route registered after recordRoutes()', async () => {
    const { app } = await setup()
    const names = routesOf(app).map((r) => `${r.method} ${r.url}`)
    expect(names).toEqual(expect.arrayContaining(Object.keys(routes)))
    await app.close()
  })

  it('records each route with its config, and marks the HEAD routes Fastify adds for GET routes', async () => {
    const { app } = await setup()
    const notes = routesOf(app).filter((r) => r.url === '/orgs/:orgId/notes')
    expect(notes.map((r) => [r.method, r.implicitHead])).toEqual([
      ['GET', false],
      ['HEAD', true],
      ['POST', false],
    ])
    expect(notes[0]?.config).toEqual({})
    await app.close()
  })

  it('explains how to record routes when the app is already started', async () => {
    const demo = createDemoApp({})
    await demo.app.ready()
    expect(() => recordRoutes(demo.app)).toThrow(/before app.ready\(\)/)
    expect(() => routesOf(demo.app)).toThrow(/withApp\(\)/)
    await demo.app.close()
  })
})
