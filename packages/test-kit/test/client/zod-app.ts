// An app shaped unlike this repository's API, as many real ones are: request schemas in zod
// through fastify-type-provider-zod, tenants addressed by slug under two prefixes
// (`/organization/:slug` and `/organizations/:organizationSlug`), authorization in a preHandler
// (so validation runs before it), and outsiders answered 401. Two holes are planted: a content
// read that loads the item by its id alone, and an invite route that never checks anything.
import type { PrismaClient } from '@tenantkit/db'
import Fastify, { type FastifyRequest } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'

export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const
export type Role = (typeof ROLES)[number]

/** What a route declares in its `config`: who may call it. */
export type Declared = { minRole?: Role; public?: true }

const Slug = z.object({ slug: z.string().min(1) })
const OrgSlug = z.object({ organizationSlug: z.string().min(1) })
const ContentParams = OrgSlug.extend({ contentId: z.uuid() })
const Content = z.object({ id: z.string(), title: z.string(), tags: z.array(z.string()) })

/** The route schemas, keyed as the kit's client reads them (they type its paths and bodies). */
export const routes = {
  'GET /me': { response: { 200: z.object({ organizations: z.array(z.string()) }) } },
  'POST /sessions': { body: z.object({ email: z.email(), password: z.string().min(8) }) },
  'GET /organization/:slug': {
    params: Slug,
    response: { 200: z.object({ name: z.string(), slug: z.string() }) },
  },
  'PATCH /organization/:slug': { params: Slug, body: z.object({ name: z.string().min(2).max(60) }) },
  'GET /organization/:slug/content': {
    params: Slug,
    response: { 200: z.object({ items: z.array(Content) }) },
  },
  'POST /organization/:slug/content': {
    params: Slug,
    body: z.object({
      title: z.string().min(3).max(80),
      kind: z.enum(['article', 'note']),
      tags: z
        .array(z.string().regex(/^[a-z]+$/))
        .max(5)
        .optional(),
    }),
    response: { 201: Content },
  },
  'GET /organizations/:organizationSlug/content/:contentId': {
    params: ContentParams,
    response: { 200: Content },
  },
  'DELETE /organizations/:organizationSlug/content/:contentId': { params: ContentParams },
  'POST /organizations/:organizationSlug/invites': {
    params: OrgSlug,
    body: z.object({ email: z.email(), role: z.enum(['ADMIN', 'MEMBER', 'VIEWER']) }),
  },
} as const

const rank = (role: Role) => ROLES.indexOf(role)
const userOf = (request: FastifyRequest) => {
  const header = request.headers.authorization
  return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
}
const refuse = (statusCode: number, code: string) => Object.assign(new Error(code), { statusCode, code })

export function buildZodApp({ db }: { db: PrismaClient }) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>()
  /** The organization of the URL, by request, once `authorize` ran. */
  const organizations = new WeakMap<FastifyRequest, string>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  /** The organization in the URL and the caller's role there; 401 for anyone not a member. */
  const authorize = async (request: FastifyRequest) => {
    const { slug, organizationSlug } = request.params as { slug?: string; organizationSlug?: string }
    const userId = userOf(request)
    const organization = await db.organization.findUnique({ where: { slug: slug ?? organizationSlug ?? '' } })
    const membership =
      organization && userId
        ? await db.membership.findFirst({ where: { organizationId: organization.id, userId } })
        : null
    if (!organization || !membership) throw refuse(401, 'NOT_A_MEMBER')
    const { minRole } = request.routeOptions.config as Declared
    if (minRole && rank(membership.role) < rank(minRole)) throw refuse(403, 'FORBIDDEN')
    organizations.set(request, organization.id)
  }
  const orgOf = (request: FastifyRequest) => organizations.get(request) ?? ''

  app.register(async (plugin) => {
    const open = plugin.withTypeProvider<ZodTypeProvider>()
    open.get('/me', { schema: routes['GET /me'] }, async (request) => {
      const userId = userOf(request)
      if (!userId) throw refuse(401, 'UNAUTHENTICATED')
      const memberships = await db.membership.findMany({ where: { userId }, include: { organization: true } })
      return { organizations: memberships.map((m) => m.organization.slug) }
    })
    open.post(
      '/sessions',
      { schema: routes['POST /sessions'], config: { public: true } },
      async (_r, reply) => reply.code(201).send(),
    )
  })

  app.register(async (plugin) => {
    const org = plugin.withTypeProvider<ZodTypeProvider>()
    org.get(
      '/organization/:slug',
      { schema: routes['GET /organization/:slug'], config: { minRole: 'VIEWER' }, preHandler: authorize },
      async (request) => db.organization.findUniqueOrThrow({ where: { id: orgOf(request) } }),
    )
    org.patch(
      '/organization/:slug',
      { schema: routes['PATCH /organization/:slug'], config: { minRole: 'ADMIN' }, preHandler: authorize },
      async (request, reply) => {
        await db.organization.update({ where: { id: orgOf(request) }, data: { name: request.body.name } })
        return reply.code(204).send()
      },
    )
    org.get(
      '/organization/:slug/content',
      {
        schema: routes['GET /organization/:slug/content'],
        config: { minRole: 'VIEWER' },
        preHandler: authorize,
      },
      async (request) => ({
        items: await db.contentItem.findMany({ where: { organizationId: orgOf(request) } }),
      }),
    )
    org.post(
      '/organization/:slug/content',
      {
        schema: routes['POST /organization/:slug/content'],
        config: { minRole: 'MEMBER' },
        preHandler: authorize,
      },
      async (request, reply) => {
        const { title, tags } = request.body
        const item = await db.contentItem.create({
          data: {
            organizationId: orgOf(request),
            authorId: userOf(request) ?? '',
            title,
            slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
            tags: tags ?? [],
          },
        })
        return reply.code(201).send(item)
      },
    )
  })

  app.register(async (plugin) => {
    const orgs = plugin.withTypeProvider<ZodTypeProvider>()
    orgs.get(
      '/organizations/:organizationSlug/content/:contentId',
      {
        schema: routes['GET /organizations/:organizationSlug/content/:contentId'],
        config: { minRole: 'VIEWER' },
        preHandler: authorize,
      },
      async (request) => {
        // Planted hole: the item is loaded by its id alone, whichever organization it is in.
        const item = await db.contentItem.findUnique({ where: { id: request.params.contentId } })
        if (!item) throw refuse(404, 'NOT_FOUND')
        return item
      },
    )
    orgs.delete(
      '/organizations/:organizationSlug/content/:contentId',
      {
        schema: routes['DELETE /organizations/:organizationSlug/content/:contentId'],
        config: { minRole: 'ADMIN' },
        preHandler: authorize,
      },
      async (request, reply) => {
        const { count } = await db.contentItem.deleteMany({
          where: { id: request.params.contentId, organizationId: orgOf(request) },
        })
        if (count === 0) throw refuse(404, 'NOT_FOUND')
        return reply.code(204).send()
      },
    )
    // Planted hole: declared for admins, but the preHandler was never attached.
    orgs.post(
      '/organizations/:organizationSlug/invites',
      { schema: routes['POST /organizations/:organizationSlug/invites'], config: { minRole: 'ADMIN' } },
      async (request, reply) => reply.code(201).send({ invited: request.body.email }),
    )
  })
  return app
}
