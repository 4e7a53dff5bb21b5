// A content author or audit actor must belong to the row's organization. Only users whose
// memberships these factories planned can be checked; others are trusted.
import type { AttributeContext, ModelName } from '../define-factory.ts'
import { TenantMixError } from '../tenant-context.ts'

export function assertMemberOf<M extends ModelName>(
  ctx: AttributeContext<M>,
  what: string,
  userId: string | null,
  organizationId: string,
): void {
  if (userId === null) return
  const organizations = ctx.memberOf(userId)
  if (!organizations || organizations.has(organizationId)) return
  throw new TenantMixError(
    `${what} is user ${userId}, whom these factories made a member of organization ${[...organizations].join(', ')} only, not of the row's organization ${organizationId}: the graph would mix two tenants. Pick a member of ${organizationId} (createTenant(…).members), or add the membership first with factories.membership.create({ user, organization }).`,
  )
}
