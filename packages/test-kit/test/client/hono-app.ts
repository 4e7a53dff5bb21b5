// The zod app (./zod-app.ts) written for Hono 4, as such apps are: sub-apps grouped with
// `app.route('/organization/:slug', organization)`, bodies validated by @hono/zod-validator before
// authorization, outsiders answered 401. Each route says who may call it with
// `declareRoute({ minRole })` (the kit's no-op middleware) and checks it with its own
// `authorize(minRole)`. zValidator keeps its schema to itself, so the content route also hands its
// body schema to declareRoute and the other bodies come from the tenancy's `bodies`. Two holes are
// planted, as in the zod app: a content read by its id alone, and an invite route that checks nothing.
import { zValidator } from '@hono/zod-validator'
import type { PrismaClient } from '@tenantkit/db'
import { type Context, Hono, type Next } from 'hono'
import { z } from 'zod'
import { declareRoute } from '../../src/client/declare-route.ts'

export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const
export type Role = (typeof ROLES)[number]

/** What a route declares through declareRoute: who may call it. */
export type Declared = { minRole?: Role; public?: true }

const NewContent = z.object({
  title: z.string().min(3).max(80),
  kind: z.enum(['article', 'note']),
  tags: z
    .array(z.string().regex(/^[a-z]+$/))
    .max(5)
    .optional(),
})
const ContentId = z.object({ contentId: z.uuid() })

type Env = { Variables: { organizationId: string } }

const rank = (role: Role) => ROLES.indexOf(role)
const userOf = (c: Context) => {
  const header = c.req.header('authorization')
  return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
}

export function buildHonoApp({ db }: { db: PrismaClient }) {
  /** The organization in the URL and the caller's role there; 401 for anyone not a member. */
  const authorize = (minRole: Role) => async (c: Context<Env>, next: Next) => {
    const userId = userOf(c)
    const slug = c.req.param('slug') ?? c.req.param('organizationSlug') ?? ''
    const organization = await db.organization.findUnique({ where: { slug } })
    const membership =
      organization && userId
        ? await db.membership.findFirst({ where: { organizationId: organization.id, userId } })
        : null
    if (!organization || !membership) return c.json({ code: 'NOT_A_MEMBER' }, 401)
    if (rank(membership.role) < rank(minRole)) return c.json({ code: 'FORBIDDEN' }, 403)
    c.set('organizationId', organization.id)
    await next()
  }

  const app = new Hono<Env>()
  app.get('/me', async (c) => {
    const userId = userOf(c)
    if (!userId) return c.json({ code: 'UNAUTHENTICATED' }, 401)
    const memberships = await db.membership.findMany({ where: { userId }, include: { organization: true } })
    return c.json({ organizations: memberships.map((m) => m.organization.slug) })
  })
  app.post(
    '/sessions',
    declareRoute({ public: true }),
    zValidator('json', z.object({ email: z.email(), password: z.string().min(8) })),
    (c) => c.body(null, 201),
  )

  const organization = new Hono<Env>()
  organization.get('/', declareRoute({ minRole: 'VIEWER' }), authorize('VIEWER'), async (c) =>
    c.json(await db.organization.findUniqueOrThrow({ where: { id: c.get('organizationId') } })),
  )
  organization.patch(
    '/',
    declareRoute({ minRole: 'ADMIN' }),
    zValidator('json', z.object({ name: z.string().min(2).max(60) })),
    authorize('ADMIN'),
    async (c) => {
      await db.organization.update({
        where: { id: c.get('organizationId') },
        data: { name: c.req.valid('json').name },
      })
      return c.body(null, 204)
    },
  )
  organization.get('/content', declareRoute({ minRole: 'VIEWER' }), authorize('VIEWER'), async (c) =>
    c.json({ items: await db.contentItem.findMany({ where: { organizationId: c.get('organizationId') } }) }),
  )
  organization.post(
    '/content',
    declareRoute({ minRole: 'MEMBER' }, { body: NewContent }),
    zValidator('json', NewContent),
    authorize('MEMBER'),
    async (c) => {
      const { title, tags } = c.req.valid('json')
      const item = await db.contentItem.create({
        data: {
          organizationId: c.get('organizationId'),
          authorId: userOf(c) ?? '',
          title,
          slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
          tags: tags ?? [],
        },
      })
      return c.json(item, 201)
    },
  )
  app.route('/organization/:slug', organization)

  const organizations = new Hono<Env>()
  organizations.get(
    '/content/:contentId',
    declareRoute({ minRole: 'VIEWER' }),
    zValidator('param', ContentId),
    authorize('VIEWER'),
    async (c) => {
      // Planted hole: the item is loaded by its id alone, whichever organization it is in.
      const item = await db.contentItem.findUnique({ where: { id: c.req.valid('param').contentId } })
      return item ? c.json(item) : c.json({ code: 'NOT_FOUND' }, 404)
    },
  )
  organizations.delete(
    '/content/:contentId',
    declareRoute({ minRole: 'ADMIN' }),
    zValidator('param', ContentId),
    authorize('ADMIN'),
    async (c) => {
      const { count } = await db.contentItem.deleteMany({
        where: { id: c.req.valid('param').contentId, organizationId: c.get('organizationId') },
      })
      return count === 0 ? c.json({ code: 'NOT_FOUND' }, 404) : c.body(null, 204)
    },
  )
  // Planted hole: declared for admins, but `authorize` was never put in front of it.
  organizations.post(
    '/invites',
    declareRoute({ minRole: 'ADMIN' }),
    zValidator('json', z.object({ email: z.email(), role: z.enum(['ADMIN', 'MEMBER', 'VIEWER']) })),
    (c) => c.json({ invited: c.req.valid('json').email }, 201),
  )
  app.route('/organizations/:organizationSlug', organizations)
  return app
}
