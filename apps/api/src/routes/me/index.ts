// GET /me: the authenticated user and their organizations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { currentUser } from '../../plugins/auth.ts'
import { me } from '../../schemas/auth.ts'
import { userView } from '../../services/views.ts'

const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', { schema: me }, async (request) => {
    const user = currentUser(request)
    const memberships = await app.db.membership.findMany({
      where: { userId: user.id },
      include: { organization: true },
      orderBy: { organization: { name: 'asc' } },
    })
    return {
      user: userView(user),
      memberships: memberships.map((m) => ({
        role: m.role,
        organization: { id: m.organization.id, name: m.organization.name, slug: m.organization.slug },
      })),
    }
  })
}

export default meRoutes
