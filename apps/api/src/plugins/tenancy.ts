// Tenant scoping: on every route with an `:orgId` parameter, the caller's membership in that
// organization is loaded before anything else runs (before body validation too). No membership
// is a 404, exactly like an organization that does not exist; a role below the route's
// `minRole` is a 403 (the caller is a member, so nothing is revealed). Every such route must
// declare its `minRole`: the app refuses to start otherwise.
import type { MemberRole, Membership, Organization } from '@tenantkit/db'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Errors } from '../errors.ts'
import { currentUser } from './auth.ts'

export type ScopedMembership = Membership & { organization: Organization }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a member needs for this route (required under /orgs/:orgId). */
    minRole?: MemberRole
    /**
     * On a route whose handler lets members from `minRole` up act on what they own (items they
     * wrote, their own membership): the least role to act on anyone else's. The handler checks
     * it with `assertMayActOn`; the test suite's access matrix reads it too.
     */
    minRoleForOthers?: MemberRole
  }
  interface FastifyRequest {
    /** The caller's membership in the route's organization; null outside /orgs/:orgId. */
    membership: ScopedMembership | null
  }
}

const RANK: Record<MemberRole, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The roles from least to most. */
export const ROLES_BY_RANK: readonly MemberRole[] = (Object.keys(RANK) as MemberRole[]).sort(
  (a, b) => RANK[a] - RANK[b],
)

/** True when `role` is `least` or above. */
export function hasRole(role: MemberRole, least: MemberRole): boolean {
  return RANK[role] >= RANK[least]
}

export default fp(
  async function tenancy(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      if (route.url.includes('/:orgId') && !route.config?.minRole) {
        throw new Error(
          `${route.method} ${route.url} declares no config.minRole: every route under /orgs/:orgId says which role it needs.`,
        )
      }
    })
    app.decorateRequest('membership', null)
    app.addHook('onRequest', async (request) => {
      const orgId = orgIdOf(request.params)
      if (orgId === undefined || request.is404) return
      // Not a uuid: no such organization (and no query with a malformed id).
      const membership = UUID.test(orgId)
        ? await app.db.membership.findUnique({
            where: { userId_organizationId: { userId: currentUser(request).id, organizationId: orgId } },
            include: { organization: true },
          })
        : null
      if (!membership) throw new Errors.OrgNotFound()
      const least = request.routeOptions.config.minRole ?? 'OWNER'
      if (!hasRole(membership.role, least)) {
        throw new Errors.Forbidden(`This action needs the ${least} role or above`)
      }
      request.membership = membership
    })
  },
  { name: 'tenancy', fastify: '5.x', dependencies: ['auth'] },
)

function orgIdOf(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null || !('orgId' in params)) return undefined
  return typeof params.orgId === 'string' ? params.orgId : undefined
}

/**
 * Fails with a 403 unless the caller is `ownerId` (the user who owns the resource) or has the
 * route's `minRoleForOthers`.
 */
export function assertMayActOn(request: FastifyRequest, ownerId: string, message: string): void {
  const caller = currentMembership(request)
  // Undeclared: fail closed (the suite's access matrix then shows the route refusing its role).
  const least = request.routeOptions.config.minRoleForOthers ?? 'OWNER'
  if (caller.userId !== ownerId && !hasRole(caller.role, least)) throw new Errors.Forbidden(message)
}

/** The caller's membership on a route under /orgs/:orgId. */
export function currentMembership(request: FastifyRequest): ScopedMembership {
  if (!request.membership) throw new Errors.OrgNotFound()
  return request.membership
}
