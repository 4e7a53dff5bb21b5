// The tenant-graph builder: an organization, its owner, members by role and content, planned as
// one graph and inserted with one INSERT per model (and chunk).
import {
  type ContentItem,
  ContentStatus,
  MemberRole,
  type Membership,
  type Organization,
  type User,
} from '@tenantkit/db'
import type { Overrides } from './define-factory.ts'
import { FactoryUsageError, type Graph, type PlanScope } from './graph.ts'
import { describeTenant } from './tenant-context.ts'

export type TenantSpec = {
  /** Columns of the organization (`{ name: 'Acme', slug: 'acme' }`). */
  organization?: Overrides<'organization'>
  /** Columns of the owner (`{ email: 'owner@acme.example.com' }`). */
  owner?: Overrides<'user'>
  /**
   * Members besides the owner, by role: a count, or one entry of user columns per member.
   * `{ ADMIN: 2, MEMBER: 5 }`, `{ ADMIN: [{ email: 'admin@acme.test' }], VIEWER: 1 }`.
   */
  members?: Partial<Record<MemberRole, number | readonly Overrides<'user'>[]>>
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

/** Plans the graph; `stored` maps each planned row to the row to return (itself when building). */
export function planTenant(graph: Graph, spec: TenantSpec = {}): (stored: StoredRow) => TenantGraph {
  const organization = graph.add('organization', spec.organization, [], [], undefined)
  const scope: PlanScope = {
    ref: { id: organization.id, slug: organization.slug },
    why: `it belongs to the tenant being built, ${describeTenant(organization)}`,
  }
  const member = (role: MemberRole, overrides?: Overrides<'user'>): TenantMember => {
    const user = graph.add('user', { password: spec.password, ...overrides }, [], [], scope)
    const membership = graph.add('membership', { user, organization, role }, [], [], scope)
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
      content.push(graph.add('contentItem', { organization, author, status }, [], [], scope))
    }
  }

  return (stored) => {
    const resolveMember = (m: TenantMember): TenantMember => ({
      user: stored(m.user),
      membership: stored(m.membership),
      role: m.role,
    })
    const everyone = [owner, ...members].map(resolveMember)
    const byRole = Object.fromEntries(Object.values(MemberRole).map((role) => [role, [] as TenantMember[]]))
    for (const m of everyone) byRole[m.role]?.push(m)
    return {
      organization: stored(organization),
      owner: everyone[0] as TenantMember,
      members: everyone.slice(1),
      byRole: byRole as Record<MemberRole, TenantMember[]>,
      content: content.map(stored),
    }
  }
}

function contentStatus(status: string): ContentStatus {
  if (Object.hasOwn(ContentStatus, status)) return status as ContentStatus
  throw new FactoryUsageError(
    `createTenant({ content: { ${status}: … } }): "${status}" is not a ContentStatus (${Object.values(ContentStatus).join(', ')}).`,
  )
}

export type StoredRow = <R extends { id: string }>(planned: R) => R
