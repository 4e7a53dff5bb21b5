// Database rows → response bodies. Each view lists its fields, so a new column never leaks by
// accident (a password hash, say); the types come from the response schemas.
import type { AuditEvent, ContentItem, Membership, Organization, User } from '@tenantkit/db'
import type { Static } from 'typebox'
import type { AuditEvent as AuditEventBody } from '../schemas/audit.ts'
import type { User as UserBody } from '../schemas/auth.ts'
import type { ContentItem as ContentItemBody } from '../schemas/content.ts'
import type { Member as MemberBody } from '../schemas/members.ts'
import type { Organization as OrganizationBody } from '../schemas/organizations.ts'

export function userView(user: User): Static<typeof UserBody> {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    isActive: user.isActive,
    isVerified: user.isVerified,
    createdAt: user.createdAt.toISOString(),
  }
}

export function organizationView(
  org: Organization,
  role: Membership['role'],
): Static<typeof OrganizationBody> {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
    role,
  }
}

export function memberView(member: Membership & { user: User }): Static<typeof MemberBody> {
  return {
    id: member.id,
    userId: member.userId,
    email: member.user.email,
    fullName: member.user.fullName,
    role: member.role,
    createdAt: member.createdAt.toISOString(),
  }
}

export function contentView(item: ContentItem): Static<typeof ContentItemBody> {
  return {
    id: item.id,
    organizationId: item.organizationId,
    authorId: item.authorId,
    title: item.title,
    slug: item.slug,
    body: item.body,
    status: item.status,
    tags: item.tags,
    publishAt: item.publishAt?.toISOString() ?? null,
    publishedAt: item.publishedAt?.toISOString() ?? null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  }
}

export function auditEventView(event: AuditEvent): Static<typeof AuditEventBody> {
  const data = event.data
  return {
    id: event.id,
    organizationId: event.organizationId,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? data : { value: data },
    createdAt: event.createdAt.toISOString(),
  }
}
