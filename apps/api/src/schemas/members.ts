// Memberships of an organization: list, add by email, change role, remove.
import { Type } from 'typebox'
import { Closed, ErrorResponses, MemberRole, OrgParams, Timestamp, Uuid } from './common.ts'

export const Member = Closed({
  id: Uuid,
  userId: Uuid,
  email: Type.String(),
  fullName: Type.String(),
  role: MemberRole,
  createdAt: Timestamp,
})

const MemberParams = Closed({ orgId: Uuid, memberId: Uuid })

/** A role to give a member; the example is one an ADMIN may give (only an OWNER grants OWNER). */
const GivenRole = Type.Enum(MemberRole.enum, { examples: ['MEMBER'] })

export const list = {
  params: OrgParams,
  response: { 200: Closed({ items: Type.Array(Member) }), ...ErrorResponses },
}

export const add = {
  params: OrgParams,
  body: Closed({ email: Type.String({ format: 'email', maxLength: 254 }), role: GivenRole }),
  response: { 201: Member, ...ErrorResponses },
}

export const update = {
  params: MemberParams,
  body: Closed({ role: GivenRole }),
  response: { 200: Member, ...ErrorResponses },
}

export const remove = {
  params: MemberParams,
  response: { 204: Type.Null(), ...ErrorResponses },
}
