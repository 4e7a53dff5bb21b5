// The cost of the access rules over the whole API, as its suite runs them: in a transaction-mode
// test database, the app built on it, one `expectAccessRules(tenancy)` with the API's tenancy
// (the hierarchy walk and the authorization matrix). For scale, one hand-written role test of the
// kind it replaced (app, organization, a member of one role, one request).

import { type AppConfig, createApp, routes } from '../apps/api/src/app.ts'
import { tenancy } from '../apps/api/test/tenancy.ts'
import { createAppFactories } from '../packages/db/src/factories/index.ts'
import type { PrismaClient } from '../packages/db/src/index.ts'
import { type AccessReport, expectAccessRules } from '../packages/test-kit/src/client/access-rules.ts'
import { createApiClient } from '../packages/test-kit/src/client/api-client.ts'
import { bindTenancy } from '../packages/test-kit/src/client/bound-tenancy.ts'
import { recordRoutes } from '../packages/test-kit/src/client/route-table.ts'
import { openTestDatabase } from '../packages/test-kit/src/isolation/test-database.ts'
import { WorkerDatabases } from '../packages/test-kit/src/isolation/worker-databases.ts'
import { appClient, type BenchContext, type BenchResult } from './lib.ts'

const config: AppConfig = {
  jwtSecret: 'tenantkit-bench-only-secret-0123456789abcdef',
  accessTokenTtlSeconds: 900,
  loginRateLimit: { max: 5, timeWindowMs: 60_000 },
  allowCurrentUserOverride: false,
}

/** One test's worth: a ready app on `db` and a client minting real tokens. */
async function appOn(db: PrismaClient) {
  const app = createApp({ db, config })
  recordRoutes(app)
  await app.ready()
  const api = createApiClient(app, { routes, mintToken: (app, user) => app.jwt.sign({ sub: user.id }) })
  const factories = createAppFactories(db)
  return {
    app,
    api,
    factories,
    tenancy: bindTenancy(tenancy, { app, client: api, context: { db, factories } }),
  }
}

export default async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 3 : 10
  const worker = new WorkerDatabases(ctx.server, appClient)
  const samples = {
    rules: [] as number[],
    walk: [] as number[],
    matrix: [] as number[],
    setup: [] as number[],
  }
  const perCall: number[] = []
  const perTest: number[] = []
  let last: AccessReport | undefined
  try {
    // Warm-up (Prisma plans, the password hash, Fastify's serializers), then the samples.
    for (let round = -1; round < rounds; round++) {
      const opened = await openTestDatabase(worker, 'transaction', `access ${round}`)
      const { app, tenancy } = await appOn(opened.db)
      const started = performance.now()
      const report = await expectAccessRules(tenancy)
      const total = performance.now() - started
      await app.close()
      await opened.close(false)
      if (round < 0) continue
      samples.rules.push(total)
      samples.walk.push(report.ms.walk)
      samples.matrix.push(report.ms.matrix)
      samples.setup.push(report.ms.setup)
      perCall.push((total - report.ms.setup) / (report.calls.walk + report.calls.matrix))
      last = report
    }
    for (let round = -1; round < rounds * 3; round++) {
      const started = performance.now()
      const opened = await openTestDatabase(worker, 'transaction', `role test ${round}`)
      const { app, api, factories } = await appOn(opened.db)
      const organization = await factories.organization.create()
      const member = await factories.membership.create({ organization, role: 'VIEWER' })
      await api.as({ id: member.userId }).get('/orgs/:orgId/audit', { params: { orgId: organization.id } })
      await app.close()
      await opened.close(false)
      if (round >= 0) perTest.push(performance.now() - started)
    }
  } finally {
    await worker.close()
  }
  const shape = last
    ? `${last.rows.length} routes (${last.walked.length} under /orgs/:orgId) × 5 callers: ${last.calls.walk} walk + ${last.calls.matrix} matrix calls, ${last.made.tenants} tenants`
    : 'no run'
  ctx.note(`access.rules: ${shape}`)
  return [
    {
      id: 'access.rules',
      what: `expectAccessRules over the API: ${shape}`,
      unit: 'ms',
      samples: samples.rules,
    },
    {
      id: 'access.rules.walk',
      what: 'the hierarchy walk: outsider, mixed-tenant and own-list calls (2 tenants made)',
      unit: 'ms',
      samples: samples.walk,
    },
    {
      id: 'access.rules.matrix',
      what: 'the authorization matrix: every route as anonymous and each role (a tenant per unsafe route)',
      unit: 'ms',
      samples: samples.matrix,
    },
    {
      id: 'access.rules.setup',
      what: 'inside both: makeTenant (one createTenant + an audit event) and makeMember',
      unit: 'ms',
      samples: samples.setup,
    },
    {
      id: 'access.rules.call',
      what: 'one call of the walks (authentication, membership, handler), setup left out',
      unit: 'ms',
      samples: perCall,
    },
    {
      id: 'access.roletest',
      what: 'for scale: one hand-written role test (test database, app, org + member, one request)',
      unit: 'ms',
      samples: perTest,
    },
  ]
}
