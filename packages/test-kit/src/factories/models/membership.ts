// Membership: makes its user and its organization unless given (the old seed's SubFactories). A
// membership that had to make its organization owns it (OWNER, as the seed did); one that joins
// a given or ambient organization is a MEMBER. `.with('admin')` etc. come from MemberRole.
import { MemberRole } from '@tenantkit/db'
import { defineFactory } from '../define-factory.ts'
import { enumTraits } from '../traits.ts'

export const membershipFactory = defineFactory('membership', {
  table: 'memberships',
  relations: { user: 'userId', organization: 'organizationId' },
  tenantColumn: 'organizationId',
  transient: {},
  attributes: {
    id: ({ faker }) => faker.string.uuid(),
    userId: ({ plan }) => plan('user').id,
    organizationId: ({ tenantId }) => tenantId(),
    role: ({ get, ownsTenant }) => {
      get('organizationId')
      return ownsTenant() ? MemberRole.OWNER : MemberRole.MEMBER
    },
    createdAt: ({ now }) => now(),
    updatedAt: ({ get }) => get('createdAt'),
  },
  traits: enumTraits('membership', MemberRole, (role) => ({ attributes: { role } })),
  afterPlan: (row, { memberships }) => {
    const organizations = memberships.get(row.userId) ?? new Set<string>()
    organizations.add(row.organizationId)
    memberships.set(row.userId, organizations)
  },
})
