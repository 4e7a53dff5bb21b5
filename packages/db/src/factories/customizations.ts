// What the schema alone cannot say about this domain's rows: users' password hashes, who owns a
// new organization, content whose dates follow its status, and authors and actors who are members
// of the row's organization. Everything else (ids, names, e-mails, slugs, timestamps, enum traits,
// parents) the factories derive from the schema.
import { defineFactory, TenantMixError } from '@tenantkit/factories'
import { dataModel } from '../generated/data-model.ts'
import { ContentStatus, MemberRole } from '../generated/prisma/enums.ts'
import { testPasswordHash } from './test-password.ts'

const DAY = 86_400_000
const TAGS = ['news', 'product', 'engineering', 'design', 'release-notes', 'how-to', 'culture', 'security']
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

/** user id → organization ids, for the memberships one set of factories planned. */
type MembershipRegistry = Map<string, Set<string>>
const MEMBERSHIPS = 'memberships'
const registry = (): MembershipRegistry => new Map()

/** A content author or audit actor must belong to the row's organization (when these factories made its memberships). */
function assertMemberOf(
  registry: MembershipRegistry,
  what: string,
  userId: string | null,
  organizationId: string,
) {
  if (userId === null) return
  const organizations = registry.get(userId)
  if (!organizations || organizations.has(organizationId)) return
  throw new TenantMixError(
    `${what} is user ${userId}, whom these factories made a member of organization ${[...organizations].join(', ')} only, not of the row's organization ${organizationId}: the graph would mix two tenants. Pick a member of ${organizationId} (createTenant(…).members), or add the membership first with factories.membership.create({ user, organization }).`,
  )
}

/** Organizations: `{ members: 5, content: 20 }` plans that many MEMBERs and items into the same batch. */
export const organization = defineFactory(dataModel, 'organization', {
  transient: { members: 0, content: 0 },
  traits: {
    withOwner: { children: (organization, { plan }) => void plan('membership', { organization }, 'owner') },
  },
  children: (organization, { transient, plan }) => {
    const members = Array.from({ length: transient.members }, () =>
      plan('membership', { organization }, 'member'),
    )
    for (let i = 0; i < transient.content; i++) {
      const author = members[i % members.length]
      plan('contentItem', author ? { organization, authorId: author.userId } : { organization })
    }
  },
})

/** Users: active and verified, `{ password }` stored as a real scrypt hash (the default one hashed once per process). */
export const user = defineFactory(dataModel, 'user', {
  transient: { password: undefined as string | undefined },
  attributes: {
    passwordHash: ({ transient }) => testPasswordHash(transient.password),
    isActive: true,
    isVerified: true,
  },
  traits: {
    inactive: { attributes: { isActive: false } },
    unverified: { attributes: { isVerified: false } },
  },
})

/** Memberships: the one that had to make its organization owns it; joining a given one makes a MEMBER. */
export const membership = defineFactory(dataModel, 'membership', {
  attributes: {
    role: ({ get, ownsTenant }) => {
      get('organizationId')
      return ownsTenant() ? MemberRole.OWNER : MemberRole.MEMBER
    },
  },
  afterPlan: (row, { shared }) => {
    const memberships = shared(MEMBERSHIPS, registry)
    const organizations = memberships.get(row.userId) ?? new Set<string>()
    organizations.add(row.organizationId)
    memberships.set(row.userId, organizations)
  },
})

/** Content: written by a new MEMBER of its organization; publishAt/publishedAt follow the status. */
export const contentItem = defineFactory(dataModel, 'contentItem', {
  attributes: {
    authorId: ({ get, plan }) => {
      get('organizationId')
      const author = plan('user')
      plan('membership', { user: author }, 'member')
      return author.id
    },
    title: ({ faker }) => faker.company.catchPhrase(),
    body: ({ faker }) => faker.lorem.paragraph(),
    publishAt: ({ get, faker }) =>
      get('status') === ContentStatus.SCHEDULED
        ? new Date(get('createdAt').getTime() + faker.number.int({ min: 1, max: 30 }) * DAY)
        : null,
    publishedAt: ({ get }) =>
      get('status') === ContentStatus.PUBLISHED || get('status') === ContentStatus.ARCHIVED
        ? get('createdAt')
        : null,
    tags: ({ faker }) => faker.helpers.arrayElements(TAGS, { min: 1, max: 3 }),
  },
  traits: { untagged: { attributes: { tags: [] } } },
  afterPlan: (row, { shared }) =>
    assertMemberOf(shared(MEMBERSHIPS, registry), 'contentItem.authorId', row.authorId, row.organizationId),
})

/** Audit events: a system event (no actor) unless `.with('byMember')` or an actor is given. */
export const auditEvent = defineFactory(dataModel, 'auditEvent', {
  attributes: {
    action: ({ faker }) => faker.helpers.arrayElement(ACTIONS),
    targetType: ({ get }) => TARGET_TYPES[get('action').split('.')[0] ?? ''] ?? 'organization',
    targetId: ({ faker, get }) =>
      get('targetType') === 'organization' ? get('organizationId') : faker.string.uuid(),
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
  afterPlan: (row, { shared }) =>
    assertMemberOf(shared(MEMBERSHIPS, registry), 'auditEvent.actorId', row.actorId, row.organizationId),
})

/** Every customisation of this schema, by model: `defineFactories({ customizations })`. */
export const customizations = { organization, user, membership, contentItem, auditEvent }
