// The tenant-graph builder: an organization, its owner, members by role and content, planned as
// one graph and inserted with one INSERT per model (and chunk).
import { FactoryUsageError, type Planner } from '@tenantkit/factories'
import type { dataModel } from '../generated/data-model.ts'
import type { ContentItem, Membership, Organization, User } from '../generated/prisma/client.ts'
import { ContentStatus, MemberRole } from '../generated/prisma/enums.ts'
import type { customizations } from './customizations.ts'

type Overrides<T> = Partial<T>
export type UserOverrides = Overrides<User> & { password?: string }

export type TenantSpec = {
  /** Columns of the organization (`{ name: 'Acme', slug: 'acme' }`). */
  organization?: Overrides<Organization>
  /** Columns of the owner (`{ email: 'owner@acme.example.com' }`). */
  owner?: UserOverrides
  /**
   * Members besides the owner, by role: a count, or one entry of user columns per member.
   * `{ ADMIN: 2, MEMBER: 5 }`, `{ ADMIN: [{ email: 'admin@acme.test' }], VIEWER: 1 }`.
   */
  members?: Partial<Record<MemberRole, number | readonly UserOverrides[]>>
  /**
   * Content items, written in turn by the owner, admins and members (not viewers): a count
   * (drafts) or counts by status, made in the order given: `{ PUBLISHED: 10, DRAFT: 5 }`.
   */
  content?: number | Partial<Record<ContentStatus, number>>
  /** Every user's password (default 'testpassword123!'). */
  password?: string
}

/** A user of the tenant with their membership. */
export type TenantMember = { user: User; membership: Membership; role: MemberRole }

export type TenantGraph = {
  organization: Organization
  owner: TenantMember
  /** Everyone but the owner, in MemberRole order (ADMIN, MEMBER, VIEWER). */
  members: TenantMember[]
  /** Everyone by role; the owner is `byRole.OWNER[0]`. */
  byRole: Record<MemberRole, TenantMember[]>
  /** In creation (and createdAt) order. */
  content: ContentItem[]
}

/** Plans the graph of `spec` with `plan`; the kit's `$create`/`$build` turn it into stored or built rows. */
export function planTenant(
  root: Planner<typeof dataModel, typeof customizations>,
  spec: TenantSpec = {},
): TenantGraph {
  const organization = root.add('organization', spec.organization)
  const plan = root.within(organization)
  const member = (role: MemberRole, overrides?: UserOverrides): TenantMember => {
    const user = plan.add('user', { password: spec.password, ...overrides })
    const membership = plan.add('membership', { user, organization, role })
    return { user, membership, role }
  }
  const owner = member(MemberRole.OWNER, spec.owner)
  const members: TenantMember[] = []
  for (const role of Object.values(MemberRole)) {
    const wanted = spec.members?.[role] ?? 0
    const users = typeof wanted === 'number' ? Array.from({ length: wanted }, () => ({})) : wanted
    for (const overrides of users) members.push(member(role, overrides))
  }
  const writers = [owner, ...members.filter((m) => m.role !== MemberRole.VIEWER)]
  const counts = spec.content
  // By status in the order the spec lists them, so `{ PUBLISHED: 3, DRAFT: 2 }` reads as it is made.
  const batches: [ContentStatus | undefined, number][] =
    typeof counts === 'object'
      ? Object.entries(counts).map(([status, count]) => [contentStatus(status), count ?? 0])
      : [[undefined, counts ?? 0]]
  const content: ContentItem[] = []
  for (const [status, count] of batches) {
    for (let i = 0; i < count; i++) {
      const author = writers[content.length % writers.length]?.user
      content.push(plan.add('contentItem', { organization, author, status }))
    }
  }
  const byRole = Object.fromEntries(Object.values(MemberRole).map((role) => [role, [] as TenantMember[]]))
  for (const m of [owner, ...members]) byRole[m.role]?.push(m)
  return { organization, owner, members, byRole: byRole as Record<MemberRole, TenantMember[]>, content }
}

function contentStatus(status: string): ContentStatus {
  if (Object.hasOwn(ContentStatus, status)) return status as ContentStatus
  throw new FactoryUsageError(
    `createTenant({ content: { ${status}: … } }): "${status}" is not a ContentStatus (${Object.values(ContentStatus).join(', ')}).`,
  )
}
