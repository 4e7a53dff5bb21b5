// Building blocks shared by every resource's schemas: ids, timestamps, the error envelope,
// and the closed-object helper (unknown fields are a 400, not silently dropped).
import { type TProperties, Type } from 'typebox'

/** An object that rejects unknown fields. */
export function Closed<P extends TProperties>(properties: P) {
  return Type.Object(properties, { additionalProperties: false })
}

export const Uuid = Type.String({ format: 'uuid' })
export const Timestamp = Type.String({ format: 'date-time' })

export const MemberRole = Type.Enum(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'])
export const ContentStatus = Type.Enum(['DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED'])

/** Lowercase, URL-safe; the same rule as the CHECK constraint on organizations.slug. */
export const Slug = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' })

export const OrgParams = Closed({ orgId: Uuid })

export const ErrorBody = Closed({
  error: Closed({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    /** Validation errors: one entry per offending field, e.g. `body.title`. */
    fields: Type.Optional(Type.Array(Closed({ field: Type.String(), message: Type.String() }))),
  }),
})

/** Every route may answer with the envelope on any 4xx or 5xx. */
export const ErrorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const

/** Cursor pagination query, shared by every list that can grow without bound. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}

export const DEFAULT_PAGE_SIZE = 20
