// The adapters read each framework's route syntax into the kit's `:param` form, find what a route
// declares, and answer requests in process; no database. The walks on real apps: ./frameworks-walk.test.ts.
import { Module } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import express, { Router } from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/client/api-client.ts'
import { adapterOf } from '../../src/client/app-adapter.ts'
import { declareRoute } from '../../src/client/declare-route.ts'

const mintToken = () => 'unused'

@Module({})
class EmptyModule {}
const listed = async (app: object) =>
  (await adapterOf(app)).routes(app as never).map((route) => `${route.method} ${route.url}`)

describe('the Express adapter', () => {
  it('lists routes under the paths of the routers they are mounted in, in the kit’s form', async () => {
    const app = express()
    const inner = Router({ mergeParams: true })
    inner.get('/files/*rest', (_req, res) => res.end())
    inner.get('/report{.:format}', (_req, res) => res.end())
    inner.put(['/a/:id', '/b/:id'], (_req, res) => res.end())
    inner.all('/any', (_req, res) => res.end())
    const outer = Router({ mergeParams: true })
    outer.use('/projects/:projectId', inner)
    outer.delete('/', (_req, res) => res.end())
    app.use(express.json())
    app.use('/orgs/:orgId', outer)
    app.use(Router().get('/health', (_req, res) => res.end()))
    app.get('/:"id"/x', (_req, res) => res.end())
    expect(await listed(app)).toEqual([
      'GET /orgs/:orgId/projects/:projectId/files/:rest',
      'GET /orgs/:orgId/projects/:projectId/report',
      'PUT /orgs/:orgId/projects/:projectId/a/:id',
      'PUT /orgs/:orgId/projects/:projectId/b/:id',
      'DELETE /orgs/:orgId',
      'GET /health',
      'GET /:id/x',
    ])
  })

  it('reads declareRoute among a route’s handlers as its config and schema', async () => {
    const app = express()
    const body = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
    app.post('/items', declareRoute({ minRole: 'ADMIN' }, { body }), (_req, res) => {
      res.status(201).json({ ok: true })
    })
    app.get('/open', (_req, res) => res.json({}))
    const routes = (await adapterOf(app)).routes(app as never)
    expect(routes.map((route) => [route.url, route.config, route.schema])).toEqual([
      ['/items', { minRole: 'ADMIN' }, { body, querystring: undefined }],
      ['/open', {}, undefined],
    ])
    // The declaration is a no-op middleware: the handler after it runs.
    const res = await createApiClient(app, { mintToken }).post('/items', { body: { name: 'x' } })
    expect(res.expectStatus(201)).toEqual({ ok: true })
  })
})

describe('the Hono adapter', () => {
  it('lists endpoints (not middleware) with constraints, optional parts and wildcards in the kit’s form', async () => {
    const app = new Hono()
    app.use('*', async (_c, next) => next())
    app.get('/posts/:id{[0-9]+}', (c) => c.text('post'))
    app.get('/animals/:kind?', (c) => c.text('animals'))
    app.get('/static/*', (c) => c.text('static'))
    const sub = new Hono()
    sub.onError((_error, c) => c.text('sub failed', 500))
    sub.post('/members/:memberId', declareRoute({ minRole: 'ADMIN' }), (c) => c.json({}, 201))
    app.route('/orgs/:orgId', sub)
    const routes = (await adapterOf(app)).routes(app as never)
    expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual([
      'GET /posts/:id',
      'GET /animals',
      'GET /static/:wildcard',
      'POST /orgs/:orgId/members/:memberId',
    ])
    // Found through the sub-app's error-handler wrapper that route() puts around each handler.
    expect(routes.at(-1)?.config).toEqual({ minRole: 'ADMIN' })
  })

  it('answers through app.request with the status, headers and body the client reads', async () => {
    const app = new Hono()
    app.post('/echo/:id', async (c) => c.json({ id: c.req.param('id'), body: await c.req.json() }, 201))
    const res = await createApiClient(app, { mintToken }).post('/echo/:id', {
      params: { id: '7' },
      body: { a: 1 },
    })
    expect(res.headers['content-type']).toMatch(/json/)
    expect(res.expectStatus(201)).toEqual({ id: '7', body: { a: 1 } })
  })
})

describe('the adapter of an app', () => {
  it('is told by its shape, or chosen with adapter; an app of no known framework is refused', async () => {
    expect((await adapterOf(Fastify())).name).toBe('fastify')
    expect((await adapterOf(express())).name).toBe('express')
    expect((await adapterOf(new Hono())).name).toBe('hono')
    const nest = await NestFactory.create(EmptyModule, new ExpressAdapter(), { logger: false })
    expect((await adapterOf(nest)).name).toBe('nest')
    await nest.close()
    expect(() => adapterOf({ listen() {} })).toThrow(/does not know this app's framework/)
    const custom = { listen() {} }
    const client = createApiClient(custom as never, {
      mintToken,
      adapter: {
        name: 'mine',
        prepare: () => {},
        listsRoutes: () => true,
        ready: async () => {},
        close: async () => {},
        inject: async (_app, request) => ({ statusCode: 200, headers: {}, body: request.url }),
        routes: () => [],
      },
    })
    expect((await client.get('/any')).text).toBe('/any')
  })
})
