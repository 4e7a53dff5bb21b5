// Each error of the kit's HTTP side, provoked for real: its class, its stable code, and a message
// that names what to change.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, type TestContext, test } from 'vitest'
import { createApiClient } from '../../src/client/api-client.ts'
import { recordRoutes, routesOf } from '../../src/client/route-table.ts'
import {
  ApiClientUsageError,
  bindTenancy,
  defineTenancy,
  expectAccessRules,
  RouteTableError,
  TenancyError,
} from '../../src/index.ts'
import { createDemoApp, routes } from '../client/demo-app.ts'
import { caught } from './support/caught.ts'

/** The demo app, ready, with its routes recorded, and a token-mode client; closed after the test. */
type OnTestFinished = TestContext['onTestFinished']

async function demo(
  cleanup: OnTestFinished,
  options: { record?: boolean; mode?: 'token' | 'override' } = {},
) {
  const created = createDemoApp({ alice: 'org-a' })
  if (options.record !== false) recordRoutes(created.app)
  await created.app.ready()
  cleanup(() => created.app.close())
  const api = createApiClient(created.app, {
    routes,
    mintToken: (_app, user) => created.sign(user.id),
    mode: options.mode ?? 'token',
  })
  return { app: created.app, api }
}

describe('ApiClientUsageError (TK_API_CLIENT_USAGE)', () => {
  test('a hand-set authorization header on an authenticated client points to api.anonymous()', async ({
    onTestFinished,
  }) => {
    const { api } = await demo(onTestFinished)
    const error = await caught(() =>
      api.as({ id: 'alice' }).request({ method: 'GET', url: '/whoami', headers: { AUTHORIZATION: 'x' } }),
    )
    expect(error).toBeInstanceOf(ApiClientUsageError)
    expect(error.code).toBe('TK_API_CLIENT_USAGE')
    expect(error.message).toMatch(
      /sets the authorization header itself; to send one by hand, use api\.anonymous\(\)/,
    )
  })

  test('override mode without overrideCurrentUser names the config key and the alternative', async ({
    onTestFinished,
  }) => {
    const { api } = await demo(onTestFinished, { mode: 'override' })
    const error = await caught(() => api.as({ id: 'alice' }).get('/whoami'))
    expect(error).toBeInstanceOf(ApiClientUsageError)
    expect(error.code).toBe('TK_API_CLIENT_USAGE')
    expect(error.message).toMatch(/needs `overrideCurrentUser` in the client config.*Or use mode: 'token'/)
  })

  test('a missing path parameter names it and where to pass it', async ({ onTestFinished }) => {
    const { api } = await demo(onTestFinished)
    // @ts-expect-error: params are required for this path
    const error = await caught(() => api.as({ id: 'alice' }).get('/orgs/:orgId/notes'))
    expect(error).toBeInstanceOf(ApiClientUsageError)
    expect(error.code).toBe('TK_API_CLIENT_USAGE')
    expect(error.message).toMatch(
      /needs params\.orgId .*Pass it in the request's params: \{ params: \{ orgId: … \} \}/,
    )
  })
})

describe('RouteTableError (TK_ROUTE_TABLE)', () => {
  test('recordRoutes after ready() says to call it before', async ({ onTestFinished }) => {
    const { app } = await demo(onTestFinished, { record: false })
    const error = await caught(() => recordRoutes(app))
    expect(error).toBeInstanceOf(RouteTableError)
    expect(error.code).toBe('TK_ROUTE_TABLE')
    expect(error.message).toMatch(/call it before app\.ready\(\), right after creating the instance/)
  })

  test('an app without a route table says how to get one', async ({ onTestFinished }) => {
    const { app } = await demo(onTestFinished, { record: false })
    const error = await caught(() => routesOf(app))
    expect(error).toBeInstanceOf(RouteTableError)
    expect(error.message).toMatch(
      /build it with withApp\(\), or call recordRoutes\(app\) before app\.ready\(\)/,
    )
  })
})

describe('TenancyError (TK_TENANCY)', () => {
  test('an access walk whose prefix no route has names the prefix, some routes, and what to check', async ({
    onTestFinished,
  }) => {
    const { app, api } = await demo(onTestFinished)
    const tenancy = bindTenancy(
      {
        roles: ['member'],
        tenant: async () => ({ id: 'org-a' }),
        member: async () => ({ id: 'alice' }),
        routes: { prefix: '/tenants/:id' },
      },
      { app, client: api, context: {} },
    )
    const error = await caught(() => expectAccessRules(tenancy))
    expect(error).toBeInstanceOf(TenancyError)
    expect(error.code).toBe('TK_TENANCY')
    expect(error.message).toMatch(
      /No tenant route .*"\/tenants\/:id".*Check them against the app's routes \(GET \/whoami/,
    )
  })

  test('a description with no role, a prefix with no parameter or a taken fixture name says what to give', () => {
    const base = { tenant: async () => ({ id: 't' }), member: async () => ({ id: 'u' }) }
    expect(caughtSync(() => defineTenancy({ ...base, roles: [] }))).toMatchObject({
      code: 'TK_TENANCY',
      message: expect.stringMatching(/roles must list each role of a tenant once, least to most/),
    })
    expect(
      caughtSync(() => defineTenancy({ ...base, roles: ['a'], routes: { prefix: '/orgs' } })),
    ).toMatchObject({
      message: expect.stringMatching(/prefix "\/orgs" has no parameter.*routes: \{ param: 'orgId' \}/),
    })
    expect(
      caughtSync(() => defineTenancy({ ...base, roles: ['a'], names: { tenant: 'app' } })),
    ).toMatchObject({
      message: expect.stringMatching(/names.tenant is "app", a fixture the kit already has/),
    })
    expect(caughtSync(() => defineTenancy({ ...base, roles: ['a'], ownerRole: 'b' as 'a' }))).toMatchObject({
      message: expect.stringMatching(/ownerRole "b" is not one of tenancy.roles \(a\)/),
    })
  })
})

function caughtSync(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

const run = promisify(execFile)
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')
const CHILD_CONFIG = fileURLToPath(new URL('./child/vitest.config.ts', import.meta.url))

describe('WithAppError (TK_BUILD_APP_RETURNED_PROMISE)', () => {
  test('a buildApp that returns a promise fails the test before its body, saying what to return', {
    timeout: 60_000,
  }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
    delete env.FORCE_COLOR
    const result = await run(process.execPath, [VITEST, 'run', '--config', CHILD_CONFIG], { env }).then(
      () => expect.fail('the child run passed'),
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    const output = `${result.stdout}\n${result.stderr}`
    expect(result.code, output).toBe(1)
    expect(output).not.toContain('BODY RAN')
    const reported = /^ERRORS (.*)$/m.exec(output)?.[1]
    expect(JSON.parse(reported ?? '[]'), output).toEqual([
      {
        name: 'WithAppError',
        code: 'TK_BUILD_APP_RETURNED_PROMISE',
        message: expect.stringMatching(
          /buildApp returned a promise\. Return the Fastify instance itself, before ready\(\)/,
        ),
      },
    ])
  })
})
