// The caller: GET /me, and POST /orgs (anyone signed in founds an organization and owns it).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { prisma } from '../db.ts'
import { HttpError } from '../lib/errors.ts'

const Slug = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      schema: {
        response: {
          200: z.object({
            id: z.string(),
            email: z.string(),
            name: z.string(),
            organizations: z.array(z.object({ slug: z.string(), name: z.string(), role: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const user = await prisma.user.findUnique({
        where: { id: request.user.sub },
        include: { memberships: { include: { organization: true }, orderBy: { createdAt: 'asc' } } },
      })
      if (!user) throw new HttpError(401, 'UNAUTHENTICATED', 'This account no longer exists')
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        organizations: user.memberships.map((m) => ({
          slug: m.organization.slug,
          name: m.organization.name,
          role: m.role,
        })),
      }
    },
  )

  app.post(
    '/orgs',
    { schema: { body: z.object({ name: z.string().trim().min(2).max(80), slug: Slug }) } },
    async (request, reply) => {
      const { name, slug } = request.body
      const taken = await prisma.organization.findUnique({ where: { slug }, select: { id: true } })
      if (taken) throw new HttpError(409, 'SLUG_TAKEN', `The slug "${slug}" is taken`)
      const organization = await prisma.$transaction(async (tx) => {
        const created = await tx.organization.create({ data: { name, slug } })
        await tx.membership.create({
          data: { organizationId: created.id, userId: request.user.sub, role: 'OWNER' },
        })
        return created
      })
      return reply.code(201).send({ slug: organization.slug, name: organization.name })
    },
  )
}
