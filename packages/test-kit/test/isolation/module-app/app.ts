// A small app on the module-level client: its routes import `db` from ./prisma.ts, one writes in
// a $transaction, one starts work and awaits it, one reads through the extension.
import Fastify from 'fastify'
import { db } from './prisma.ts'

export function buildModuleApp() {
  const app = Fastify()
  app.post('/orgs', async (request, reply) => {
    const { name, slug } = request.body as { name: string; slug: string }
    const organization = await db.$transaction(async (tx) => {
      const created = await tx.organization.create({ data: { name, slug } })
      await tx.auditEvent.create({
        data: {
          organizationId: created.id,
          action: 'org.created',
          targetType: 'organization',
          targetId: created.id,
        },
      })
      return created
    })
    return reply.code(201).send(organization)
  })
  app.get('/orgs/:slug', async (request, reply) => {
    const organization = await db.organization.bySlug((request.params as { slug: string }).slug)
    return organization ?? reply.code(404).send({ code: 'NOT_FOUND' })
  })
  // Work the request starts and awaits: three reads at once, after a timer.
  app.get('/stats', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    const [organizations, events, users] = await Promise.all([
      db.organization.count(),
      db.auditEvent.count(),
      db.user.count(),
    ])
    return { organizations, events, users }
  })
  return app
}
