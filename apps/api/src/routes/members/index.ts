// Members of an organization. ADMIN+ manage members; only an OWNER grants, changes or removes
// the OWNER role; any member may leave; an organization always keeps at least one OWNER.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { MemberRole, Prisma } from '@tenantkit/db'
import { Errors } from '../../errors.ts'
import { assertMayActOn, currentMembership, type ScopedMembership } from '../../plugins/tenancy.ts'
import { add, list, remove, update } from '../../schemas/members.ts'
import { recordAudit } from '../../services/audit.ts'
import { isUniqueViolation } from '../../services/unique-violation.ts'
import { memberView } from '../../services/views.ts'

const OWNER_ONLY = 'Only an owner can grant, change or remove the OWNER role'

/**
 * Locks the organization row for the rest of the transaction, then fails if `leaving` is its
 * last owner. The lock serializes concurrent demotions, so two owners demoting each other at
 * once cannot leave the organization without one.
 */
async function assertAnotherOwner(tx: Prisma.TransactionClient, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`
  const owners = await tx.membership.count({ where: { organizationId, role: 'OWNER' } })
  if (owners <= 1) throw new Errors.LastOwner()
}

function assertMayTouchOwners(caller: ScopedMembership, roles: MemberRole[]): void {
  if (roles.includes('OWNER') && caller.role !== 'OWNER') throw new Errors.Forbidden(OWNER_ONLY)
}

const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const findMember = async (organizationId: string, id: string) => {
    const member = await app.db.membership.findFirst({
      where: { id, organizationId },
      include: { user: true },
    })
    if (!member) throw new Errors.MemberNotFound()
    return member
  }

  app.get('/orgs/:orgId/members', { schema: list, config: { minRole: 'VIEWER' } }, async (request) => {
    const members = await app.db.membership.findMany({
      where: { organizationId: currentMembership(request).organizationId },
      include: { user: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    })
    return { items: members.map(memberView) }
  })

  app.post('/orgs/:orgId/members', { schema: add, config: { minRole: 'ADMIN' } }, async (request, reply) => {
    const caller = currentMembership(request)
    assertMayTouchOwners(caller, [request.body.role])
    const user = await app.db.user.findUnique({ where: { email: request.body.email.toLowerCase() } })
    if (!user) throw new Errors.UserNotFound()
    try {
      const member = await app.db.$transaction(async (tx) => {
        const created = await tx.membership.create({
          data: { userId: user.id, organizationId: caller.organizationId, role: request.body.role },
          include: { user: true },
        })
        await recordAudit(tx, {
          organizationId: caller.organizationId,
          actorId: caller.userId,
          action: 'member.added',
          targetType: 'membership',
          targetId: created.id,
          data: { userId: user.id, role: created.role },
        })
        return created
      })
      return reply.status(201).send(memberView(member))
    } catch (error) {
      if (isUniqueViolation(error)) throw new Errors.AlreadyMember()
      throw error
    }
  })

  app.patch(
    '/orgs/:orgId/members/:memberId',
    { schema: update, config: { minRole: 'ADMIN' } },
    async (request) => {
      const caller = currentMembership(request)
      const target = await findMember(caller.organizationId, request.params.memberId)
      const role = request.body.role
      assertMayTouchOwners(caller, [target.role, role])
      if (target.role === role) return memberView(target)
      const member = await app.db.$transaction(async (tx) => {
        if (target.role === 'OWNER') await assertAnotherOwner(tx, caller.organizationId)
        const updated = await tx.membership.update({
          where: { id: target.id },
          data: { role },
          include: { user: true },
        })
        await recordAudit(tx, {
          organizationId: caller.organizationId,
          actorId: caller.userId,
          action: 'member.role_changed',
          targetType: 'membership',
          targetId: target.id,
          data: { userId: target.userId, from: target.role, to: role },
        })
        return updated
      })
      return memberView(member)
    },
  )

  // Any member may leave (their own membership); removing anyone else takes an ADMIN.
  const removal = { minRole: 'VIEWER', minRoleForOthers: 'ADMIN' } as const
  app.delete(
    '/orgs/:orgId/members/:memberId',
    { schema: remove, config: removal },
    async (request, reply) => {
      const caller = currentMembership(request)
      const target = await findMember(caller.organizationId, request.params.memberId)
      const leaving = target.userId === caller.userId
      assertMayActOn(request, target.userId, 'This action needs the ADMIN role or above')
      if (!leaving) assertMayTouchOwners(caller, [target.role])
      await app.db.$transaction(async (tx) => {
        if (target.role === 'OWNER') await assertAnotherOwner(tx, caller.organizationId)
        await tx.membership.delete({ where: { id: target.id } })
        await recordAudit(tx, {
          organizationId: caller.organizationId,
          actorId: caller.userId,
          action: 'member.removed',
          targetType: 'membership',
          targetId: target.id,
          data: { userId: target.userId, role: target.role, left: leaving },
        })
      })
      return reply.status(204).send(null)
    },
  )
}

export default memberRoutes
