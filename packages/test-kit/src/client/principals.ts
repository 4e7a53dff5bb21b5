// The rows the app fixtures need (an organization, its users and their memberships).
// TEMPORARY: replaced by the kit's factories (src/factories) once they land.
import { randomBytes } from 'node:crypto'
import type { MemberRole, Membership, Organization, PrismaClient, User } from '@tenantkit/db'

const unique = () => randomBytes(5).toString('hex')

/** A password hash in the kit's format that no password matches. */
const UNUSABLE_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`

export async function createOrganization(db: PrismaClient): Promise<Organization> {
  const id = unique()
  return db.organization.create({ data: { name: `Org ${id}`, slug: `org-${id}` } })
}

export async function createUser(db: PrismaClient): Promise<User> {
  const id = unique()
  return db.user.create({
    data: {
      email: `user-${id}@example.test`,
      fullName: `User ${id}`,
      passwordHash: UNUSABLE_HASH,
      isVerified: true,
    },
  })
}

export async function createMember(
  db: PrismaClient,
  organization: Pick<Organization, 'id'>,
  role: MemberRole,
): Promise<Membership & { user: User }> {
  const user = await createUser(db)
  return db.membership.create({
    data: { userId: user.id, organizationId: organization.id, role },
    include: { user: true },
  })
}
