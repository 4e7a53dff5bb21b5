// The audit trail of an organization, newest first.
import { Type } from 'typebox'
import { Closed, ErrorResponses, OrgParams, PageQuery, Timestamp, Uuid } from './common.ts'

export const AuditEvent = Closed({
  id: Uuid,
  organizationId: Uuid,
  actorId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
})

export const list = {
  params: OrgParams,
  querystring: Closed({
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    targetId: Type.Optional(Uuid),
    ...PageQuery,
  }),
  response: {
    200: Closed({ items: Type.Array(AuditEvent), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
    ...ErrorResponses,
  },
}
