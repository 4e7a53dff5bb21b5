// The API's access rules, as the kit's expectAccessRules needs them: tenants are organizations
// under /orgs/:orgId, roles rank VIEWER < MEMBER < ADMIN < OWNER, and each route declares
// `config.minRole` (plus `minRoleForOthers` where members may act on what they own).
import type { MemberRole } from '@tenantkit/db'
import type { AppFactories as Factories, TenantGraph } from '@tenantkit/db/factories'
import type { AccessRulesOptions, CallerSource } from '@tenantkit/test-kit'
import { ROLES_BY_RANK } from '../src/plugins/tenancy.ts'

/**
 * An organization with a member of each role (the callers), one more VIEWER (the member the
 * calls act on), one content item by its owner and one audit event, made in one bulk insert.
 */
export type OrgAccessTenant = {
  graph: TenantGraph
  params: { orgId: string; contentId: string; memberId: string }
}

/**
 * Options for `expectAccessRules(app, …)` bound to a test's client and factories.
 * @example await expectAccessRules(app, accessRules({ api, factories }))
 */
export function accessRules(ctx: {
  api: CallerSource
  factories: Factories
}): AccessRulesOptions<MemberRole, OrgAccessTenant> {
  const { factories } = ctx
  return {
    client: ctx.api,
    prefix: '/orgs/:orgId',
    tenantParam: 'orgId',
    roles: ROLES_BY_RANK,
    accessOf: ({ config }) => {
      if (config.public) return { public: true }
      if (!config.minRole) return undefined
      return { role: config.minRole, ...(config.minRoleForOthers && { othersRole: config.minRoleForOthers }) }
    },
    makeTenant: async () => {
      const graph = await factories.createTenant({ members: { ADMIN: 1, MEMBER: 1, VIEWER: 2 }, content: 1 })
      // An event in the trail, so an audit list that forgets its filter shows this tenant's id.
      await factories.auditEvent.create({ organization: graph.organization })
      const contentId = graph.content[0]?.id ?? ''
      const memberId = graph.byRole.VIEWER[1]?.membership.id ?? ''
      return { graph, params: { orgId: graph.organization.id, contentId, memberId } }
    },
    // The first member of each role: never the VIEWER the calls act on. The OWNER wrote the item,
    // which changes nothing (no rule is above the OWNER).
    makeMember: async ({ graph }, role) => {
      const member = graph.byRole[role][0]
      if (!member) throw new Error(`the access tenant has no ${role}`)
      return member.user
    },
  }
}
