// The zod app (./zod-app.ts) written for Express 5, as such apps are: nested routers with
// mergeParams (content mounted under an organization router mounted at `/organization/:slug`),
// validation middleware before authorization, errors from an error handler, outsiders answered 401.
// Each route says who may call it with `declareRoute({ minRole }, { body })` (the kit's no-op
// middleware) and checks it with its own `authorize(minRole)`. Two holes are planted, as in the zod
// app: a content read that loads the item by its id alone, and an invite route that checks nothing.
import type { PrismaClient } from '@tenantkit/db'
import express, { type NextFunction, type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { declareRoute } from '../../src/client/declare-route.ts'

export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const
export type Role = (typeof ROLES)[number]

/** What a route declares through declareRoute: who may call it. */
export type Declared = { minRole?: Role; public?: true }

const Session = z.object({ email: z.email(), password: z.string().min(8) })
const Rename = z.object({ name: z.string().min(2).max(60) })
const NewContent = z.object({
  title: z.string().min(3).max(80),
  kind: z.enum(['article', 'note']),
  tags: z
    .array(z.string().regex(/^[a-z]+$/))
    .max(5)
    .optional(),
})
const Invite = z.object({ email: z.email(), role: z.enum(['ADMIN', 'MEMBER', 'VIEWER']) })
const ContentId = z.object({ contentId: z.uuid() })

const rank = (role: Role) => ROLES.indexOf(role)
const refuse = (statusCode: number, code: string) => Object.assign(new Error(code), { statusCode, code })
const userOf = (req: Request) => {
  const header = req.headers.authorization
  return header?.startsWith('Bearer token:') ? header.slice('Bearer token:'.length) : undefined
}

/** 400 unless the request's `part` passes `schema`; the parsed value replaces it. */
const validate =
  (part: 'body' | 'params', schema: z.ZodType) => (req: Request, _res: Response, next: NextFunction) => {
    const result = schema.safeParse(req[part])
    if (!result.success) throw refuse(400, 'VALIDATION')
    if (part === 'body') req.body = result.data
    next()
  }

export function buildExpressApp({ db }: { db: PrismaClient }) {
  const app = express()
  app.use(express.json())
  /** The organization of the URL, by request, once `authorize` ran. */
  const organizations = new WeakMap<Request, string>()
  const orgOf = (req: Request) => organizations.get(req) ?? ''

  /** The organization in the URL and the caller's role there; 401 for anyone not a member. */
  const authorize = (minRole: Role) => async (req: Request, _res: Response, next: NextFunction) => {
    const { slug, organizationSlug } = req.params as { slug?: string; organizationSlug?: string }
    const userId = userOf(req)
    const organization = await db.organization.findUnique({ where: { slug: slug ?? organizationSlug ?? '' } })
    const membership =
      organization && userId
        ? await db.membership.findFirst({ where: { organizationId: organization.id, userId } })
        : null
    if (!organization || !membership) throw refuse(401, 'NOT_A_MEMBER')
    if (rank(membership.role) < rank(minRole)) throw refuse(403, 'FORBIDDEN')
    organizations.set(req, organization.id)
    next()
  }

  app.get('/me', async (req, res) => {
    const userId = userOf(req)
    if (!userId) throw refuse(401, 'UNAUTHENTICATED')
    const memberships = await db.membership.findMany({ where: { userId }, include: { organization: true } })
    res.json({ organizations: memberships.map((m) => m.organization.slug) })
  })
  app.post(
    '/sessions',
    declareRoute({ public: true }, { body: Session }),
    validate('body', Session),
    (_req, res) => {
      res.status(201).end()
    },
  )

  // /organization/:slug, and its content two routers down.
  const organization = Router({ mergeParams: true })
  organization.get('/', declareRoute({ minRole: 'VIEWER' }), authorize('VIEWER'), async (req, res) => {
    res.json(await db.organization.findUniqueOrThrow({ where: { id: orgOf(req) } }))
  })
  organization.patch(
    '/',
    declareRoute({ minRole: 'ADMIN' }, { body: Rename }),
    validate('body', Rename),
    authorize('ADMIN'),
    async (req, res) => {
      await db.organization.update({ where: { id: orgOf(req) }, data: { name: req.body.name } })
      res.status(204).end()
    },
  )
  const content = Router({ mergeParams: true })
  content.get('/', declareRoute({ minRole: 'VIEWER' }), authorize('VIEWER'), async (req, res) => {
    res.json({ items: await db.contentItem.findMany({ where: { organizationId: orgOf(req) } }) })
  })
  content.post(
    '/',
    declareRoute({ minRole: 'MEMBER' }, { body: NewContent }),
    validate('body', NewContent),
    authorize('MEMBER'),
    async (req, res) => {
      const { title, tags } = req.body as z.infer<typeof NewContent>
      const item = await db.contentItem.create({
        data: {
          organizationId: orgOf(req),
          authorId: userOf(req) ?? '',
          title,
          slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`,
          tags: tags ?? [],
        },
      })
      res.status(201).json(item)
    },
  )
  organization.use('/content', content)
  app.use('/organization/:slug', organization)

  // /organizations/:organizationSlug: the planted holes.
  const organizations2 = Router({ mergeParams: true })
  organizations2.get(
    '/content/:contentId',
    declareRoute({ minRole: 'VIEWER' }),
    validate('params', ContentId),
    authorize('VIEWER'),
    async (req, res) => {
      // Planted hole: the item is loaded by its id alone, whichever organization it is in.
      const item = await db.contentItem.findUnique({ where: { id: String(req.params.contentId) } })
      if (!item) throw refuse(404, 'NOT_FOUND')
      res.json(item)
    },
  )
  organizations2.delete(
    '/content/:contentId',
    declareRoute({ minRole: 'ADMIN' }),
    validate('params', ContentId),
    authorize('ADMIN'),
    async (req, res) => {
      const { count } = await db.contentItem.deleteMany({
        where: { id: String(req.params.contentId), organizationId: orgOf(req) },
      })
      if (count === 0) throw refuse(404, 'NOT_FOUND')
      res.status(204).end()
    },
  )
  // Planted hole: declared for admins, but `authorize` was never put in front of it.
  organizations2.post(
    '/invites',
    declareRoute({ minRole: 'ADMIN' }, { body: Invite }),
    validate('body', Invite),
    (req, res) => {
      res.status(201).json({ invited: req.body.email })
    },
  )
  app.use('/organizations/:organizationSlug', organizations2)

  app.use(
    (
      error: Error & { statusCode?: number; code?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res.status(error.statusCode ?? 500).json({ code: error.code ?? 'INTERNAL', message: error.message })
    },
  )
  return app
}
