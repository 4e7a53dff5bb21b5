// The whole app in one module, as many are: a module-level client, a Fastify instance built at
// import, its routes, and listen() at the bottom. Nothing here knows about tests.
import { PrismaPg } from '@prisma/adapter-pg'
import Fastify from 'fastify'
import { PrismaClient } from './client.ts'

const prisma = new PrismaClient({
  adapter: new PrismaPg({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://app@localhost:5432/app',
  }),
})

export const app = Fastify()

app.addHook('onRequest', async (request, reply) => {
  if (request.routeOptions.config?.public) return
  const header = request.headers.authorization
  if (!header?.startsWith('Bearer user:')) return reply.code(401).send({ code: 'UNAUTHENTICATED' })
})

const userOf = (authorization: string | undefined) => authorization?.slice('Bearer user:'.length) ?? ''

app.register(async (orgs) => {
  orgs.get('/health', { config: { public: true } }, async () => ({ ok: true }))
  orgs.get('/orgs/:orgId/members', async (request, reply) => {
    const { orgId } = request.params as { orgId: string }
    const mine = await prisma.membership.findFirst({
      where: { organizationId: orgId, userId: userOf(request.headers.authorization) },
    })
    if (!mine) return reply.code(404).send({ code: 'NOT_FOUND' })
    return prisma.membership.findMany({ where: { organizationId: orgId }, orderBy: { createdAt: 'asc' } })
  })
  orgs.post('/orgs/:orgId/rename', async (request, reply) => {
    const { orgId } = request.params as { orgId: string }
    const mine = await prisma.membership.findFirst({
      where: { organizationId: orgId, userId: userOf(request.headers.authorization) },
    })
    if (!mine) return reply.code(404).send({ code: 'NOT_FOUND' })
    const { name } = request.body as { name: string }
    return prisma.organization.update({ where: { id: orgId }, data: { name } })
  })
})

await app.listen({ port: Number(process.env.APP_PORT ?? 3000), host: '127.0.0.1' })
