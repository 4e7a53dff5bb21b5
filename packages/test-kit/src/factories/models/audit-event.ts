// AuditEvent: a system event (no actor) of the tenant unless `.with('byMember')` or an actor is given.
import { Prisma } from '@tenantkit/db'
import { defineFactory } from '../define-factory.ts'
import { assertMemberOf } from './member-check.ts'

const ACTIONS = [
  'content.created',
  'content.updated',
  'content.published',
  'member.added',
  'organization.updated',
]
const TARGET_TYPES: Record<string, string> = {
  content: 'content_item',
  member: 'membership',
  organization: 'organization',
}

export const auditEventFactory = defineFactory('auditEvent', {
  table: 'audit_events',
  relations: { organization: 'organizationId', actor: 'actorId' },
  tenantColumn: 'organizationId',
  transient: {},
  attributes: {
    id: ({ faker }) => faker.string.uuid(),
    organizationId: ({ tenantId }) => tenantId(),
    actorId: () => null,
    action: ({ faker }) => faker.helpers.arrayElement(ACTIONS),
    targetType: ({ get }) => TARGET_TYPES[get('action').split('.')[0] ?? ''] ?? 'organization',
    targetId: ({ faker, get }) =>
      get('targetType') === 'organization' ? get('organizationId') : faker.string.uuid(),
    data: () => ({}),
    createdAt: ({ now }) => now(),
  },
  traits: {
    byMember: {
      attributes: {
        actorId: ({ get, plan }) => {
          get('organizationId')
          const actor = plan('user')
          plan('membership', { user: actor }, 'member')
          return actor.id
        },
      },
    },
  },
  afterPlan: (row, ctx) => assertMemberOf(ctx, 'auditEvent.actorId', row.actorId, row.organizationId),
  // json_populate_recordset turns a JSON null into SQL NULL; the column is NOT NULL, so NULL can only mean JSON null.
  sqlSelect: { data: `COALESCE(r."data", 'null'::jsonb)` },
  // A JSON null column value must be sent as Prisma.JsonNull.
  toCreateInput: (row) => ({ ...row, data: row.data === null ? Prisma.JsonNull : row.data }),
})
