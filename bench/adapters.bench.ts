// What each app adapter costs a request (issue 41), on the same app written four times — the kit
// suite's zod app for Fastify, Express 5, Hono 4 and NestJS 12 on Express
// (packages/test-kit/test/client/*-app.ts; Nest's is bundled first by rolldown, as Node's own type
// stripping has no decorators):
// - `adapters.<framework>.request`: one anonymous `GET /me` through the kit's client (refused with
//   401 before any query), so the number is the client, the adapter and the framework, no database.
// - `adapters.<framework>.rules.call`: one call of `expectAccessRules` on that app in a
//   transaction-mode test database (setup left out), as access.rules.call measures the API's.
// The ratios against Fastify's are in bench/run.ts.

import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
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

type Build = (deps: { db: PrismaClient }) => App | Promise<App>

const FRAMEWORKS: [string, Build | (() => Promise<Build>)][] = [
  ['fastify', buildZodApp as Build],
  ['express', buildExpressApp],
  ['hono', buildHonoApp],
  ['nest', async () => (await loadNestApp()).buildNestApp as unknown as Build],
]

/** The Nest proof app, bundled with its decorators compiled, beside the suite's node_modules. */
async function loadNestApp(): Promise<{ buildNestApp: unknown }> {
  const require = createRequire(import.meta.url)
  const rolldown = createRequire(require.resolve('tsdown/package.json')).resolve('rolldown')
  // rolldown is tsdown's, not a dependency of this repository: its build() as used here.
  const { build } = (await import(rolldown)) as {
    build(options: Record<string, unknown> & { external: (id: string) => boolean }): Promise<unknown>
  }
  const suite = fileURLToPath(new URL('../packages/test-kit/test/', import.meta.url))
  const dir = join(suite, 'node_modules/.cache/tenantkit-bench')
  await build({
    input: join(suite, 'client/nest-app.ts'),
    // Packages stay imports (resolved from the suite's node_modules); the decorator helpers are bundled.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@oxc-project/runtime'),
    platform: 'node',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    output: { dir, format: 'esm', entryFileNames: 'nest-app.mjs' },
    write: true,
  })
  return import(pathToFileURL(join(dir, 'nest-app.mjs')).href)
}

/** Nest's access: its `@Roles` and `@Public` metadata, the least role listed being the one needed. */
function nestAccess(route: RecordedRoute): RouteAccess<Role> | undefined {
  const { isPublic, roles } = route.config as { isPublic?: boolean; roles?: Role[] }
  if (isPublic) return { public: true }
  const order: readonly string[] = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER']
  const least = roles?.toSorted((a, b) => order.indexOf(a) - order.indexOf(b))[0]
  return least ? { role: least } : undefined
}

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

async function started(build: Build, db: PrismaClient): Promise<App> {
  // A Nest app comes as a promise; a Fastify instance is a thenable that awaiting would start.
  const built = build({ db })
  const app = built instanceof Promise ? await built : built
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
    for (const [framework, source] of FRAMEWORKS) {
      const build = framework === 'nest' ? await (source as () => Promise<Build>)() : (source as Build)
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
        const own = framework === 'nest' ? { ...tenancy, access: nestAccess } : tenancy
        const bound = bindTenancy(own, { app, client: api, context: { db: opened.db, factories } })
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
