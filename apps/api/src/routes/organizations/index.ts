// Organizations: create (the creator becomes OWNER), list mine, get, rename (ADMIN+), delete
// (OWNER). Routes under /orgs/:orgId are scoped by plugins/tenancy.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Organization } from '@tenantkit/db'
import { Errors } from '../../errors.ts'
import { currentUser } from '../../plugins/auth.ts'
import { currentMembership } from '../../plugins/tenancy.ts'
import { create, get, list, remove, update } from '../../schemas/organizations.ts'
import { recordAudit } from '../../services/audit.ts'
import { createWithUniqueSlug, slugify } from '../../services/slug.ts'
import { isUniqueViolation } from '../../services/unique-violation.ts'
import { organizationView } from '../../services/views.ts'

const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/orgs', { schema: create }, async (request, reply) => {
    const user = currentUser(request)
    const { name, slug } = request.body
    const org = await createWithUniqueSlug(slug, slugify(name, 'org'), (slug) =>
      app.db.$transaction(async (tx) => {
        const created = await tx.organization.create({ data: { name: name.trim(), slug } })
        await tx.membership.create({ data: { userId: user.id, organizationId: created.id, role: 'OWNER' } })
        await recordAudit(tx, {
          organizationId: created.id,
          actorId: user.id,
          action: 'organization.created',
          targetType: 'organization',
          targetId: created.id,
          data: { name: created.name, slug },
        })
        return created
      }),
    )
    return reply.status(201).send(organizationView(org, 'OWNER'))
  })

  app.get('/orgs', { schema: list }, async (request) => {
    const memberships = await app.db.membership.findMany({
      where: { userId: currentUser(request).id },
      include: { organization: true },
      orderBy: [{ organization: { name: 'asc' } }, { organizationId: 'asc' }],
    })
    return { items: memberships.map((m) => organizationView(m.organization, m.role)) }
  })

  app.get('/orgs/:orgId', { schema: get, config: { minRole: 'VIEWER' } }, async (request) => {
    const membership = currentMembership(request)
    return organizationView(membership.organization, membership.role)
  })

  app.patch('/orgs/:orgId', { schema: update, config: { minRole: 'ADMIN' } }, async (request) => {
    const membership = currentMembership(request)
    const before = membership.organization
    const data = { name: request.body.name?.trim(), slug: request.body.slug }
    let org: Organization
    try {
      org = await app.db.$transaction(async (tx) => {
        const updated = await tx.organization.update({ where: { id: before.id }, data })
        await recordAudit(tx, {
          organizationId: before.id,
          actorId: membership.userId,
          action: 'organization.updated',
          targetType: 'organization',
          targetId: before.id,
          data: {
            from: { name: before.name, slug: before.slug },
            to: { name: updated.name, slug: updated.slug },
          },
        })
        return updated
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new Errors.SlugTaken(data.slug)
      throw error
    }
    return organizationView(org, membership.role)
  })

  app.delete('/orgs/:orgId', { schema: remove, config: { minRole: 'OWNER' } }, async (request, reply) => {
    const membership = currentMembership(request)
    // Memberships, content and the audit trail go with it (ON DELETE CASCADE); the log keeps who.
    await app.db.organization.delete({ where: { id: membership.organizationId } })
    request.log.info(
      { organizationId: membership.organizationId, actorId: membership.userId },
      'organization deleted',
    )
    return reply.status(204).send(null)
  })
}

export default organizationRoutes
