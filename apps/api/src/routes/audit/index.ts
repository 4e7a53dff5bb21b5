// GET /orgs/:orgId/audit: the organization's audit trail, newest first (ADMIN+).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { currentMembership } from '../../plugins/tenancy.ts'
import { list } from '../../schemas/audit.ts'
import { NEWEST_FIRST, paginate } from '../../services/cursor.ts'
import { auditEventView } from '../../services/views.ts'

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/orgs/:orgId/audit', { schema: list, config: { minRole: 'ADMIN' } }, async (request) => {
    const { organizationId } = currentMembership(request)
    const { action, targetId } = request.query
    const page = await paginate(request.query, ({ after, take }) =>
      app.db.auditEvent.findMany({
        where: { organizationId, ...(action && { action }), ...(targetId && { targetId }), ...after },
        orderBy: [...NEWEST_FIRST],
        take,
      }),
    )
    return { items: page.items.map(auditEventView), nextCursor: page.nextCursor }
  })
}

export default auditRoutes
