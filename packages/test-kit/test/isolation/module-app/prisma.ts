// An app's module-level client, written the way most Prisma apps write it: built at import on
// adapter-pg with the app's own URL, extended, and imported by every route. Nothing here knows
// about tests.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './client.ts'

export const prisma = new PrismaClient({
  adapter: new PrismaPg({
    connectionString: process.env.APP_DATABASE_URL ?? 'postgresql://app@localhost:5432/app',
  }),
})

/** The same client, extended: a model method, as apps add them. */
export const db = prisma.$extends({
  model: {
    organization: {
      bySlug(slug: string) {
        return prisma.organization.findUnique({ where: { slug } })
      },
    },
  },
})
