// What each app adapter costs a request (issue 41), on the same app written three times — the kit
// suite's zod app for Fastify, Express 5 and Hono 4 (packages/test-kit/test/client/*-app.ts):
// - `adapters.<framework>.request`: one anonymous `GET /me` through the kit's client (refused with
//   401 before any query), so the number is the client, the adapter and the framework, no database.
// - `adapters.<framework>.rules.call`: one call of `expectAccessRules` on that app in a
//   transaction-mode test database (setup left out), as access.rules.call measures the API's.
// The ratios against Fastify's are in bench/run.ts.
import { createAppFactories, orgTenancy } from '../packages/db/src/factories/index.ts'
import type { Organization, PrismaClient } from '../packages/db/src/index.ts'
import {
  type AccessReport,
  AccessRulesError,
  expectAccessRules,
} from '../packages/test-kit/src/client/access-rules.ts'
import { createApiClient } from '../packages/test-kit/src/client/api-client.ts'
import { adapterOf } from '../packages/test-kit/src/client/app-adapter.ts'
import { bindTenancy } from '../packages/test-kit/src/client/bound-tenancy.ts'
import type { RecordedRoute } from '../packages/test-kit/src/client/route-table.ts'
import type { App } from '../packages/test-kit/src/client/route-types.ts'
import type { RouteAccess } from '../packages/test-kit/src/client/tenancy.ts'
import { openTestDatabase } from '../packages/test-kit/src/isolation/test-database.ts'
import { WorkerDatabases } from '../packages/test-kit/src/isolation/worker-databases.ts'
import { buildExpressApp } from '../packages/test-kit/test/client/express-app.ts'
import { buildHonoApp } from '../packages/test-kit/test/client/hono-app.ts'
import { buildZodApp, type Declared, type Role } from '../packages/test-kit/test/client/zod-app.ts'
import { appClient, type BenchContext, type BenchResult } from './lib.ts'

const FRAMEWORKS: [string, (deps: { db: PrismaClient }) => App][] = [
  ['fastify', buildZodApp as (deps: { db: PrismaClient }) => App],
  ['express', buildExpressApp],
  ['hono', buildHonoApp],
]

const tenancy = {
  ...orgTenancy,
  tenantKey: (organization: Organization) => organization.slug,
  children: async (
    { factories }: { factories: ReturnType<typeof createAppFactories> },
    organization: Organization,
  ) => ({ contentId: (await factories.contentItem.create({ organization })).id }),
  routes: { prefix: ['/organization/:slug', '/organizations/:organizationSlug'] },
  access: (route: RecordedRoute): RouteAccess<Role> | undefined => {
    const config = route.config as Declared
    if (config.public) return { public: true }
    return config.minRole && { role: config.minRole }
  },
  outsider: 401 as const,
  // Hono's zValidator keeps its schemas to itself (the Fastify and Express apps have theirs read).
  bodies: {
    'POST /sessions': { email: 'someone@example.com', password: 'long enough' },
    'PATCH /organization/:slug': { name: 'Renamed' },
    'POST /organizations/:organizationSlug/invites': { email: 'invited@example.com', role: 'VIEWER' },
  },
}
const mintToken = (_app: unknown, user: { id: string }) => `token:${user.id}`

async function started(build: (deps: { db: PrismaClient }) => App, db: PrismaClient): Promise<App> {
  const app = build({ db })
  const adapter = await adapterOf(app)
  adapter.prepare(app)
  await adapter.ready(app)
  return app
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 3 : 10
  const requests = ctx.quick ? 300 : 1000
  const worker = new WorkerDatabases(ctx.server, appClient)
  const results: BenchResult[] = []
  try {
    for (const [framework, build] of FRAMEWORKS) {
      const perRequest: number[] = []
      const perCall: number[] = []
      let last: AccessReport | undefined
      for (let round = -1; round < rounds; round++) {
        const opened = await openTestDatabase(worker, 'transaction', `adapters ${framework} ${round}`)
        const app = await started(build, opened.db)
        const api = createApiClient(app, { mintToken })
        // Anonymous GET /me: 401 from the handler, before any query.
        const anonymous = api.anonymous()
        let begun = performance.now()
        for (let i = 0; i < requests; i++) {
          const res = await anonymous.get('/me')
          if (res.status !== 401) throw new Error(`${framework}: GET /me answered ${res.status}, not 401`)
        }
        const requestMs = (performance.now() - begun) / requests
        const factories = createAppFactories(opened.db)
        const bound = bindTenancy(tenancy, { app, client: api, context: { db: opened.db, factories } })
        begun = performance.now()
        const report = await expectAccessRules(bound).catch((error: unknown) => {
          if (error instanceof AccessRulesError) return error.report // the two planted holes
          throw error
        })
        const total = performance.now() - begun
        await (await adapterOf(app)).close(app)
        await opened.close(false)
        if (round < 0) continue
        perRequest.push(requestMs)
        perCall.push((total - report.ms.setup) / (report.calls.walk + report.calls.matrix))
        last = report
      }
      ctx.note(
        `adapters.${framework}: ${last?.calls.walk ?? 0} walk + ${last?.calls.matrix ?? 0} matrix calls, ${last?.verified.length ?? 0} routes verified`,
      )
      results.push(
        {
          id: `adapters.${framework}.request`,
          what: `one request through the kit's client and the ${framework} adapter (anonymous GET /me → 401, no query)`,
          unit: 'ms',
          samples: perRequest,
        },
        {
          id: `adapters.${framework}.rules.call`,
          what: `one call of expectAccessRules on the zod app in ${framework} (database included, setup left out)`,
          unit: 'ms',
          samples: perCall,
        },
      )
    }
  } finally {
    await worker.close()
  }
  return results
}
