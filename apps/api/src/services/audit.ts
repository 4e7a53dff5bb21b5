// The audit trail: every change to an organization's data writes one event, in the same
// transaction as the change (so there is never a change without its event, or the reverse).
import type { Prisma } from '@tenantkit/db'

export type AuditAction =
  | 'organization.created'
  | 'organization.updated'
  | 'member.added'
  | 'member.role_changed'
  | 'member.removed'
  | 'content.created'
  | 'content.updated'
  | 'content.scheduled'
  | 'content.published'
  | 'content.archived'
  | 'content.deleted'

export type AuditEntry = {
  organizationId: string
  actorId: string
  action: AuditAction
  targetType: 'organization' | 'membership' | 'content_item'
  targetId: string
  data?: Prisma.InputJsonObject
}

export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: { ...entry, data: entry.data ?? {} } })
}
