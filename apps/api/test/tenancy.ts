// The API's tenancy, as the test kit reads it: the schema's part (organizations made with their
// owner; fixtures `org`, `membership`, `user`), the tenant routes under /orgs/:orgId, the ids the
// walk needs there, and each route's `config.minRole` as its access rule.
import { orgTenancy } from '@tenantkit/db/factories'
import { defineTenancy } from '@tenantkit/test-kit'

export const tenancy = defineTenancy({
  ...orgTenancy,
  routes: { prefix: '/orgs/:orgId' },
  // One content item, one more VIEWER (the member the calls act on: never one of the
  // walk's callers) and an event in the audit trail, so a list that forgets its filter shows them.
  children: async ({ factories }, organization) => {
    const item = await factories.contentItem.create({ organization })
    const member = await factories.membership.with('viewer').create({ organization })
    await factories.auditEvent.create({ organization })
    return { contentId: item.id, memberId: member.id }
  },
  access: ({ config }) => {
    if (config.public) return { public: true }
    if (!config.minRole) return undefined
    return { role: config.minRole, ...(config.minRoleForOthers && { othersRole: config.minRoleForOthers }) }
  },
})
