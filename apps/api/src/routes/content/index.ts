// The Content Hub: VIEWER+ read; MEMBER+ create and change their own items; ADMIN+ change
// any item (each write route declares both: `minRole` and `minRoleForOthers`).
// Lifecycle: DRAFT → SCHEDULED → PUBLISHED → ARCHIVED (archived items are frozen).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ContentItem, ContentStatus, Prisma } from '@tenantkit/db'
import type { FastifyContextConfig, FastifyRequest } from 'fastify'
import { Errors } from '../../errors.ts'
import { assertMayActOn, currentMembership } from '../../plugins/tenancy.ts'
import { archive, create, get, list, publish, remove, schedule, update } from '../../schemas/content.ts'
import { type AuditAction, recordAudit } from '../../services/audit.ts'
import { NEWEST_FIRST, paginate } from '../../services/cursor.ts'
import { createWithUniqueSlug, slugify } from '../../services/slug.ts'
import { isUniqueViolation } from '../../services/unique-violation.ts'
import { contentView } from '../../services/views.ts'

type Transition = { verb: string; from: ContentStatus[]; to: ContentStatus; action: AuditAction }

const TRANSITIONS = {
  schedule: { verb: 'schedule', from: ['DRAFT', 'SCHEDULED'], to: 'SCHEDULED', action: 'content.scheduled' },
  publish: { verb: 'publish', from: ['DRAFT', 'SCHEDULED'], to: 'PUBLISHED', action: 'content.published' },
  archive: {
    verb: 'archive',
    from: ['DRAFT', 'SCHEDULED', 'PUBLISHED'],
    to: 'ARCHIVED',
    action: 'content.archived',
  },
} as const satisfies Record<string, Transition>

/** Who may write an item: members their own, admins anyone's. */
const WRITE = { minRole: 'MEMBER', minRoleForOthers: 'ADMIN' } as const satisfies FastifyContextConfig

function assertMayWrite(request: FastifyRequest, item: ContentItem): void {
  assertMayActOn(request, item.authorId, 'Members can change only the items they wrote')
}

const contentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const findItem = async (organizationId: string, id: string) => {
    const item = await app.db.contentItem.findFirst({ where: { id, organizationId } })
    if (!item) throw new Errors.ContentNotFound()
    return item
  }

  /** Moves an item along its lifecycle; the status check and the write are one statement. */
  const move = async (
    request: FastifyRequest,
    id: string,
    transition: Transition,
    data: Prisma.ContentItemUpdateManyMutationInput,
  ) => {
    const caller = currentMembership(request)
    const item = await findItem(caller.organizationId, id)
    assertMayWrite(request, item)
    if (!transition.from.includes(item.status))
      throw new Errors.InvalidTransition(transition.verb, item.status)
    return app.db.$transaction(async (tx) => {
      const [moved] = await tx.contentItem.updateManyAndReturn({
        where: { id: item.id, status: { in: transition.from } },
        data: { ...data, status: transition.to },
      })
      if (!moved) throw new Errors.InvalidTransition(transition.verb, 'no longer in that state')
      await recordAudit(tx, {
        organizationId: caller.organizationId,
        actorId: caller.userId,
        action: transition.action,
        targetType: 'content_item',
        targetId: item.id,
        data: { from: item.status, to: moved.status, publishAt: moved.publishAt?.toISOString() ?? null },
      })
      return moved
    })
  }

  app.post(
    '/orgs/:orgId/content',
    { schema: create, config: { minRole: 'MEMBER' } },
    async (request, reply) => {
      const caller = currentMembership(request)
      const { title, slug, body, tags } = request.body
      const item = await createWithUniqueSlug(slug, slugify(title, 'item'), (slug) =>
        app.db.$transaction(async (tx) => {
          const created = await tx.contentItem.create({
            data: {
              organizationId: caller.organizationId,
              authorId: caller.userId,
              title: title.trim(),
              slug,
              body: body ?? '',
              tags: tags ?? [],
            },
          })
          await recordAudit(tx, {
            organizationId: caller.organizationId,
            actorId: caller.userId,
            action: 'content.created',
            targetType: 'content_item',
            targetId: created.id,
            data: { title: created.title, slug },
          })
          return created
        }),
      )
      return reply.status(201).send(contentView(item))
    },
  )

  app.get('/orgs/:orgId/content', { schema: list, config: { minRole: 'VIEWER' } }, async (request) => {
    const { organizationId } = currentMembership(request)
    const { status, tag, q } = request.query
    const page = await paginate(request.query, ({ after, take }) =>
      app.db.contentItem.findMany({
        where: {
          organizationId,
          ...(status && { status }),
          ...(tag && { tags: { has: tag } }),
          ...(q && { title: { contains: q, mode: 'insensitive' } }),
          ...after,
        },
        orderBy: [...NEWEST_FIRST],
        take,
      }),
    )
    return { items: page.items.map(contentView), nextCursor: page.nextCursor }
  })

  app.get(
    '/orgs/:orgId/content/:contentId',
    { schema: get, config: { minRole: 'VIEWER' } },
    async (request) =>
      contentView(await findItem(currentMembership(request).organizationId, request.params.contentId)),
  )

  app.patch('/orgs/:orgId/content/:contentId', { schema: update, config: WRITE }, async (request) => {
    const caller = currentMembership(request)
    const item = await findItem(caller.organizationId, request.params.contentId)
    assertMayWrite(request, item)
    if (item.status === 'ARCHIVED') throw new Errors.InvalidTransition('edit', item.status)
    const { title, slug, body, tags } = request.body
    const data = { title: title?.trim(), slug, body, tags }
    try {
      const updated = await app.db.$transaction(async (tx) => {
        const updated = await tx.contentItem.update({ where: { id: item.id }, data })
        await recordAudit(tx, {
          organizationId: caller.organizationId,
          actorId: caller.userId,
          action: 'content.updated',
          targetType: 'content_item',
          targetId: item.id,
          data: { fields: Object.keys(request.body).sort() },
        })
        return updated
      })
      return contentView(updated)
    } catch (error) {
      if (isUniqueViolation(error)) throw new Errors.SlugTaken(slug)
      throw error
    }
  })

  app.post(
    '/orgs/:orgId/content/:contentId/schedule',
    { schema: schedule, config: WRITE },
    async (request) => {
      const publishAt = new Date(request.body.publishAt)
      if (publishAt.getTime() <= Date.now()) throw new Errors.PublishAtInPast()
      const moved = await move(request, request.params.contentId, TRANSITIONS.schedule, {
        publishAt,
      })
      return contentView(moved)
    },
  )

  app.post('/orgs/:orgId/content/:contentId/publish', { schema: publish, config: WRITE }, async (request) => {
    const moved = await move(request, request.params.contentId, TRANSITIONS.publish, {
      publishAt: null,
      publishedAt: new Date(),
    })
    return contentView(moved)
  })

  app.post('/orgs/:orgId/content/:contentId/archive', { schema: archive, config: WRITE }, async (request) => {
    const moved = await move(request, request.params.contentId, TRANSITIONS.archive, {
      publishAt: null,
    })
    return contentView(moved)
  })

  app.delete('/orgs/:orgId/content/:contentId', { schema: remove, config: WRITE }, async (request, reply) => {
    const caller = currentMembership(request)
    const item = await findItem(caller.organizationId, request.params.contentId)
    assertMayWrite(request, item)
    await app.db.$transaction(async (tx) => {
      await tx.contentItem.delete({ where: { id: item.id } })
      await recordAudit(tx, {
        organizationId: caller.organizationId,
        actorId: caller.userId,
        action: 'content.deleted',
        targetType: 'content_item',
        targetId: item.id,
        data: { title: item.title, slug: item.slug, status: item.status },
      })
    })
    return reply.status(204).send(null)
  })
}

export default contentRoutes
