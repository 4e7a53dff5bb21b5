// Everything under /orgs/:orgSlug: the organization itself, its projects and their tasks, behind
// the tenant preHandler (membership and the route's minRole).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { loadTenant } from '../lib/tenant.ts'
import { OrgParams, projectRoutes } from './projects.ts'
import { taskRoutes } from './tasks.ts'

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.decorateRequest('organization', null as never)
  app.decorateRequest('membership', null as never)
  app.addHook('preHandler', loadTenant)

  app.get(
    '/',
    {
      config: { minRole: 'VIEWER' },
      schema: {
        params: OrgParams,
        response: { 200: z.object({ slug: z.string(), name: z.string(), role: z.string() }) },
      },
    },
    async (request) => ({
      slug: request.organization.slug,
      name: request.organization.name,
      role: request.membership.role,
    }),
  )

  await app.register(projectRoutes)
  await app.register(taskRoutes)
}
