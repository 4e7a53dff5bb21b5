// Organizations (tenants): create, list mine, get, rename, delete.
import { Type } from 'typebox'
import { Closed, ErrorResponses, MemberRole, OrgParams, Slug, Timestamp, Uuid } from './common.ts'

const Name = Type.String({ minLength: 1, maxLength: 120 })

export const Organization = Closed({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The caller's role in this organization. */
  role: MemberRole,
})

export const create = {
  body: Closed({ name: Name, slug: Type.Optional(Slug) }),
  response: { 201: Organization, ...ErrorResponses },
}

export const list = {
  response: { 200: Closed({ items: Type.Array(Organization) }), ...ErrorResponses },
}

export const get = {
  params: OrgParams,
  response: { 200: Organization, ...ErrorResponses },
}

export const update = {
  params: OrgParams,
  body: Closed({ name: Type.Optional(Name), slug: Type.Optional(Slug) }),
  response: { 200: Organization, ...ErrorResponses },
}

export const remove = {
  params: OrgParams,
  response: { 204: Type.Null(), ...ErrorResponses },
}
