// Tenant routes live under /orgs/:orgSlug. A preHandler (after validation and authentication)
// loads the organization and the caller's membership: anyone who is not a member gets 404, as if
// the organization did not exist; a member below the route's `config.minRole` gets 403.
import type { FastifyRequest } from 'fastify'
import { prisma } from '../db.ts'
import type { Membership, Organization, Role } from '../generated/prisma/client.ts'
import { HttpError, notFound } from './errors.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The lowest role that may call a tenant route. */
    minRole?: Role
    /** No token needed. */
    public?: boolean
  }
  interface FastifyRequest {
    organization: Organization
    membership: Membership
  }
}

/** Least to most. */
export const ROLES = ['VIEWER', 'MEMBER', 'ADMIN', 'OWNER'] as const satisfies readonly Role[]

export async function loadTenant(request: FastifyRequest) {
  const { orgSlug } = request.params as { orgSlug: string }
  const membership = await prisma.membership.findFirst({
    where: { userId: request.user.sub, organization: { slug: orgSlug } },
    include: { organization: true },
  })
  if (!membership) throw notFound('Organization')
  const { minRole } = request.routeOptions.config
  if (!minRole)
    throw new HttpError(500, 'ROUTE_WITHOUT_ROLE', `${request.routeOptions.url} declares no minRole`)
  if (ROLES.indexOf(membership.role) < ROLES.indexOf(minRole)) {
    throw new HttpError(403, 'FORBIDDEN', `This needs the ${minRole} role or higher`)
  }
  const { organization, ...rest } = membership
  request.organization = organization
  request.membership = rest
}
