// Demo tenants for `pnpm dev` and `pnpm db:seed`: two organizations, one user per role, a few
// content items in every state. TEMPORARY: replaced by the test kit's demo seeding (factories)
// once it lands.
import type { PrismaClient } from '@tenantkit/db'
import { hashPassword } from './services/passwords.ts'

/** Every demo user has this password. */
export const DEMO_PASSWORD = 'demo-password-1'
export const DEMO_OWNER_EMAIL = 'owner@acme.test'

/** Seeds the demo tenants unless the demo owner exists already; true when it seeded. */
export async function seedDemoData(db: PrismaClient): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: DEMO_OWNER_EMAIL } })) return false
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.$transaction(async (tx) => {
    const acme = await tx.organization.create({ data: { name: 'Acme', slug: 'acme' } })
    const globex = await tx.organization.create({ data: { name: 'Globex', slug: 'globex' } })
    const people = [
      { email: DEMO_OWNER_EMAIL, fullName: 'Olivia Owner', role: 'OWNER', org: acme },
      { email: 'admin@acme.test', fullName: 'Adam Admin', role: 'ADMIN', org: acme },
      { email: 'member@acme.test', fullName: 'Mia Member', role: 'MEMBER', org: acme },
      { email: 'viewer@acme.test', fullName: 'Victor Viewer', role: 'VIEWER', org: acme },
      { email: 'owner@globex.test', fullName: 'Gina Globex', role: 'OWNER', org: globex },
    ] as const
    for (const person of people) {
      const user = await tx.user.create({
        data: { email: person.email, fullName: person.fullName, passwordHash, isVerified: true },
      })
      await tx.membership.create({
        data: { userId: user.id, organizationId: person.org.id, role: person.role },
      })
      if (person.org !== acme || person.role === 'VIEWER') continue
      const status = person.role === 'OWNER' ? 'PUBLISHED' : person.role === 'ADMIN' ? 'SCHEDULED' : 'DRAFT'
      await tx.contentItem.create({
        data: {
          organizationId: acme.id,
          authorId: user.id,
          title: `${person.fullName}'s first post`,
          slug: `${person.role.toLowerCase()}-first-post`,
          body: 'Demo content.',
          status,
          tags: ['demo', person.role.toLowerCase()],
          publishAt: status === 'SCHEDULED' ? new Date(Date.now() + 7 * 24 * 3600_000) : null,
          publishedAt: status === 'PUBLISHED' ? new Date() : null,
        },
      })
    }
  })
  return true
}
